"""The claims audit: the claims are data (``data/claims.yaml``); ``checks`` holds the
checks that compute, ``engine`` runs each reading and derives the verdict, and
``render`` shows the result on the chapter page."""
