"""Te doen: what needs a person now, across the areas (see ``items``)."""
