"""Every label the UI shows, in Vietnamese (default) and English: one catalogue, one lookup.

Key descriptions are labels too, keyed by binding id: `Binding(...)` declarations carry no text
of their own, and `bindings.translated` puts these in, so help, palette and footer agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

VI: dict[str, str] = {
    # views
    "view.all": "Tất cả",
    "view.unread": "Chưa đọc",
    "view.starred": "Đã đánh dấu",
    "view.today": "Hôm nay",
    "view.search": "Tìm: {query}",
    "view.categories": "Chuyên mục",
    # list and reader
    "list.empty": "Không có bài nào trong mục này.",
    "list.empty_unread": "Đã đọc hết. Nhấn R để cập nhật.",
    "list.empty_search": "Không tìm thấy bài nào.",
    "list.loading": "Đang tải...",
    "list.failed": "Không tải được các bài này.",
    "reader.empty": "Chọn một bài rồi nhấn Enter để đọc.",
    "render.image": "Ảnh",
    "render.credit": "Ảnh: {credit}",
    "render.links": "Liên kết",
    "render.author": "Tác giả: {author}",
    "render.tags": "Thẻ: {tags}",
    # status bar
    "status.refreshing": "{done}/{total} nguồn",
    "status.full_text": "toàn văn {done}/{total}",
    "status.images": "ảnh {done}/{total}",
    "status.offline": "NGOẠI TUYẾN",
    "status.updated": "Cập nhật {time}",
    "status.never": "Chưa cập nhật",
    "status.failed": "{count} nguồn lỗi",
    "status.articles": "{count} bài",
    # notifications
    "notify.refreshed": "Đã cập nhật {ok}/{total} nguồn, {new} bài mới.",
    "notify.refresh_failed": "{feed}: {error}",
    "notify.offline": "Không có mạng: đang đọc từ bộ nhớ đệm.",
    "notify.offline_mode": "Chế độ ngoại tuyến: không cập nhật.",
    "notify.busy": "Đang cập nhật, vui lòng chờ.",
    "notify.no_unread": "Không còn bài chưa đọc.",
    "notify.no_article": "Chưa chọn bài nào.",
    "notify.no_link": "Bài này không có liên kết.",
    "notify.copied": "Đã chép liên kết vào bộ nhớ tạm.",
    "notify.link": "Liên kết: {url}",
    "notify.marked_all": "Đã đánh dấu đọc {count} bài.",
    "notify.no_config": "Chưa có tệp cấu hình. Tạo tệp tại {path}.",
    "notify.feed_ok": "Nguồn này hoạt động bình thường.",
    "notify.full_text_fetching": "Đang tải toàn văn bài viết...",
    "notify.full_text_done": "Đã tải toàn văn.",
    "notify.full_text_failed": "Không tải được toàn văn: {error}",
    "notify.unknown_keys": "{file}: bảng [keys] có tên phím tắt không tồn tại: {ids}.",
    "notify.no_feed": "Chọn một nguồn tin trong thanh bên.",
    # dialogs
    "confirm.mark_all": "Đánh dấu đã đọc {count} bài trong “{view}”?",
    "confirm.yes": "Đồng ý",
    "confirm.no": "Hủy",
    "search.title": "Tìm bài viết",
    "search.placeholder": "Gõ từ cần tìm, có dấu hay không dấu đều được",
    "help.title": "Phím tắt",
    "help.hint": "Nhấn Esc hoặc ? để đóng.",
    "help.section.app": "Chung",
    "help.section.list": "Danh sách bài",
    "help.section.reader": "Khung đọc",
    "help.section.sidebar": "Thanh bên",
    "details.title": "Nguồn tin",
    "details.url": "Địa chỉ",
    "details.last_success": "Lần cập nhật cuối",
    "details.last_attempt": "Lần thử cuối",
    "details.error": "Lỗi",
    "details.articles": "Số bài",
    "details.hint": "Nhấn Esc để đóng.",
    # bindings, by binding id: the only place their descriptions are written (see bindings.py)
    "app.focus_next": "Khung kế",
    "app.focus_previous": "Khung trước",
    "app.page_or_next": "Trang sau / bài kế",
    "app.next_unread": "Bài chưa đọc kế",
    "app.previous_unread": "Bài chưa đọc trước",
    "app.toggle_read": "Đọc/chưa đọc",
    "app.toggle_star": "Đánh dấu sao",
    "app.mark_all_read": "Đọc hết mục",
    "app.refresh_current": "Cập nhật nguồn",
    "app.refresh_all": "Cập nhật tất cả",
    "app.search": "Tìm",
    "app.open_link": "Mở liên kết",
    "app.copy_link": "Chép liên kết",
    "app.full_text": "Tải toàn văn",
    "app.maximize": "Phóng to/thu nhỏ",
    "app.sidebar": "Hiện/ẩn thanh bên",
    "app.feed_details": "Chi tiết nguồn",
    "app.back": "Quay lại",
    "app.help": "Trợ giúp",
    "app.quit": "Thoát",
    "list.down": "Xuống",
    "list.up": "Lên",
    "list.first": "Đầu danh sách",
    "list.last": "Cuối danh sách",
    "list.page_down": "Trang sau",
    "list.page_up": "Trang trước",
    "list.half_down": "Nửa trang sau",
    "list.half_up": "Nửa trang trước",
    "list.open": "Đọc bài",
    "reader.scroll_down": "Cuộn xuống",
    "reader.scroll_up": "Cuộn lên",
    "reader.page_down": "Trang sau",
    "reader.page_up": "Trang trước",
    "reader.half_down": "Nửa trang sau",
    "reader.half_up": "Nửa trang trước",
    "reader.top": "Đầu bài",
    "reader.bottom": "Cuối bài",
    "sidebar.open": "Mở mục",
    "sidebar.down": "Xuống",
    "sidebar.up": "Lên",
    "sidebar.expand": "Mở nhóm",
    "sidebar.collapse": "Đóng nhóm",
    "help.close": "Đóng",
    "details.close": "Đóng",
    "details.copy": "Chép liên kết",
    "search.cancel": "Hủy",
}

EN: dict[str, str] = {
    "view.all": "All",
    "view.unread": "Unread",
    "view.starred": "Starred",
    "view.today": "Today",
    "view.search": "Search: {query}",
    "view.categories": "Categories",
    "list.empty": "No articles here.",
    "list.empty_unread": "All read. Press R to refresh.",
    "list.empty_search": "No articles match.",
    "list.loading": "Loading...",
    "list.failed": "Could not load these articles.",
    "reader.empty": "Pick an article and press Enter to read it.",
    "render.image": "Photo",
    "render.credit": "Photo: {credit}",
    "render.links": "Links",
    "render.author": "By {author}",
    "render.tags": "Tags: {tags}",
    "status.refreshing": "{done}/{total} feeds",
    "status.full_text": "full text {done}/{total}",
    "status.images": "pictures {done}/{total}",
    "status.offline": "OFFLINE",
    "status.updated": "Updated {time}",
    "status.never": "Never refreshed",
    "status.failed": "{count} feeds failed",
    "status.articles": "{count} articles",
    "notify.refreshed": "Refreshed {ok}/{total} feeds, {new} new articles.",
    "notify.refresh_failed": "{feed}: {error}",
    "notify.offline": "No network: reading from the cache.",
    "notify.offline_mode": "Offline mode: not refreshing.",
    "notify.busy": "A refresh is running, please wait.",
    "notify.no_unread": "No more unread articles.",
    "notify.no_article": "No article selected.",
    "notify.no_link": "This article has no link.",
    "notify.copied": "Link copied to the clipboard.",
    "notify.link": "Link: {url}",
    "notify.marked_all": "Marked {count} articles read.",
    "notify.no_config": "No config file yet. Create one at {path}.",
    "notify.feed_ok": "This feed is working.",
    "notify.full_text_fetching": "Fetching the full article...",
    "notify.full_text_done": "Full text fetched.",
    "notify.full_text_failed": "Could not fetch the full text: {error}",
    "notify.unknown_keys": "{file}: the [keys] table names bindings that do not exist: {ids}.",
    "notify.no_feed": "Pick a feed in the sidebar.",
    "confirm.mark_all": "Mark {count} articles in “{view}” as read?",
    "confirm.yes": "Yes",
    "confirm.no": "Cancel",
    "search.title": "Search articles",
    "search.placeholder": "Type words to find; diacritics are optional",
    "help.title": "Keys",
    "help.hint": "Press Esc or ? to close.",
    "help.section.app": "General",
    "help.section.list": "Article list",
    "help.section.reader": "Reader",
    "help.section.sidebar": "Sidebar",
    "details.title": "Feed",
    "details.url": "URL",
    "details.last_success": "Last success",
    "details.last_attempt": "Last attempt",
    "details.error": "Error",
    "details.articles": "Articles",
    "details.hint": "Press Esc to close.",
    "app.focus_next": "Next pane",
    "app.focus_previous": "Previous pane",
    "app.page_or_next": "Page down / next",
    "app.next_unread": "Next unread",
    "app.previous_unread": "Previous unread",
    "app.toggle_read": "Read/unread",
    "app.toggle_star": "Star",
    "app.mark_all_read": "Mark view read",
    "app.refresh_current": "Refresh feed",
    "app.refresh_all": "Refresh all",
    "app.search": "Search",
    "app.open_link": "Open link",
    "app.copy_link": "Copy link",
    "app.full_text": "Fetch full text",
    "app.maximize": "Maximise/restore",
    "app.sidebar": "Show/hide sidebar",
    "app.feed_details": "Feed details",
    "app.back": "Back",
    "app.help": "Help",
    "app.quit": "Quit",
    "list.down": "Down",
    "list.up": "Up",
    "list.first": "First article",
    "list.last": "Last article",
    "list.page_down": "Page down",
    "list.page_up": "Page up",
    "list.half_down": "Half page down",
    "list.half_up": "Half page up",
    "list.open": "Read article",
    "reader.scroll_down": "Scroll down",
    "reader.scroll_up": "Scroll up",
    "reader.page_down": "Page down",
    "reader.page_up": "Page up",
    "reader.half_down": "Half page down",
    "reader.half_up": "Half page up",
    "reader.top": "Top",
    "reader.bottom": "Bottom",
    "sidebar.open": "Open view",
    "sidebar.down": "Down",
    "sidebar.up": "Up",
    "sidebar.expand": "Expand group",
    "sidebar.collapse": "Collapse group",
    "help.close": "Close",
    "details.close": "Close",
    "details.copy": "Copy link",
    "search.cancel": "Cancel",
}

CATALOGUES: dict[str, dict[str, str]] = {"vi": VI, "en": EN}


def pick_language(setting: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The config's language, else English when LANG/LC_ALL/LANGUAGE ask for it, else Vietnamese."""
    if setting in CATALOGUES:
        return str(setting)
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


class Labels(Mapping[str, str]):
    """The catalogue for one language; keys missing from it fall back to Vietnamese."""

    def __init__(self, language: str = "vi") -> None:
        self.language = language if language in CATALOGUES else "vi"
        self._table = CATALOGUES[self.language]

    def __getitem__(self, key: str) -> str:
        text = self._table.get(key) or VI.get(key)
        if text is None:
            raise KeyError(key)
        return text

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(VI)

    def __len__(self) -> int:
        return len(VI)

    def __call__(self, key: str, **values: object) -> str:
        """The label for `key` with `{placeholders}` filled in."""
        text = self[key]
        return text.format(**values) if values else text
