"""The HTML index of an archive: a front page for people, and an auditor's view of the books.

``write_index(data, report)`` writes ``data/index.html`` (Danish), ``data/index.en.html``
(English) and the pages under ``data/index/``; ``screenshot(html, png)`` renders a page with
headless Chromium, ``screenshots(data, folder)`` the front page and a voucher page (for the demo).
"""

from .browser import screenshot, screenshots
from .build import IndexSummary, IndexWriter, write_index
from .views import PageLimits

__all__ = ["IndexSummary", "IndexWriter", "PageLimits", "screenshot", "screenshots", "write_index"]
