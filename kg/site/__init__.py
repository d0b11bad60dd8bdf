"""The browsable record: a static site with a page per entity (kg.site.build), the page renderers
(kg.site.pages, with kg.site.page_parts and kg.site.words), the dataset description
(kg.site.dataset) and the `/id/…` resolver of `kg serve` (kg.site.resolver)."""
