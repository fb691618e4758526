"""The site around the notebooks: generated pages (``pages``, ``explore``),
downloads (``export``), citations (``citation``), the steps around the book
build (``build``), the Sphinx extension (``sphinx_ext``), notebook display
helpers (``notebook``), every internal address (``urls``) and the Jinja2 templates
(``templating``, ``templates/``)."""
