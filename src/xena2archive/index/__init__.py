"""The HTML index of an archive: a front page for people, and an auditor's view of the books.

``write_index(data, report)`` writes ``data/index.html`` (Danish), ``data/index.en.html``
(English) and the pages under ``data/index/``; ``screenshots(data, folder)`` pictures the front
page, a voucher page and a trial balance with headless Chromium (for the demo).
"""

from .build import IndexSummary, IndexWriter, write_index
from .screenshots import screenshots
from .views import PageLimits

__all__ = ["IndexSummary", "IndexWriter", "PageLimits", "screenshots", "write_index"]
