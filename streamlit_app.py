"""The meetgraph explorer: ``streamlit run streamlit_app.py`` (what ``make run`` does).

The page is :mod:`meetgraph.app`, inside the package, so that an installed
meetgraph runs the same explorer (``meetgraph app``) with no checkout on disk.
"""

from meetgraph.app import main

main()
