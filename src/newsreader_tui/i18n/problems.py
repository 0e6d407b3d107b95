"""What went wrong, in the user's language: `describe` for the reader's toasts and dialogs and
for the command line.

The core reports every problem as a `core.errors.Problem`: a code, its (already cleaned) params
and the English sentence. English needs nothing more, so only the other languages have a
catalogue here, by the same codes and `{params}` as `core.errors.MESSAGES` (a test checks).
A problem without a code (an older cache's error, a message not given one yet) is shown as the
English text it has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..core.errors import NewsreaderError, Problem

if TYPE_CHECKING:
    from . import Labels

PROBLEMS_VI: dict[str, str] = {
    "fetch.http": "máy chủ {host} trả lỗi HTTP {status} ({reason})",
    "fetch.timeout": "quá {seconds} giây mà chưa tải xong từ {host}",
    "fetch.read_timeout": "chờ dữ liệu từ {host} quá {seconds} giây",
    "fetch.connect_timeout": "không kết nối được tới {host}: quá {seconds} giây không trả lời",
    "fetch.refused": "không kết nối được tới {host}: máy chủ từ chối kết nối",
    "fetch.host_not_found": "không kết nối được tới {host}: không tìm thấy tên máy chủ",
    "fetch.unreachable": "không kết nối được tới {host}: không có đường mạng tới máy chủ",
    "fetch.connect_failed": "không kết nối được tới {host}: {detail}",
    "fetch.closed": "{host} đóng kết nối giữa chừng",
    "fetch.network": "lỗi mạng khi tải từ {host}: {detail}",
    "fetch.redirects": "{host} chuyển hướng quá nhiều lần (hơn {limit} lần)",
    "fetch.bad_redirect": "{host} chuyển hướng tới một địa chỉ không dùng được: {detail}",
    "fetch.proxy": "proxy từ chối kết nối tới {host}: {detail}",
    "fetch.corrupt": "{host} gửi dữ liệu nén bị hỏng",
    "fetch.too_large": "dữ liệu từ {host} lớn hơn giới hạn {limit}",
    "fetch.tls_verify": (
        "không xác minh được chứng chỉ TLS của {host} (nếu cơ quan dùng proxy kiểm tra "
        'kết nối, đặt verify = "/đường/dẫn/ca.pem" trong tệp cấu hình)'
    ),
    "fetch.tls_handshake": "bắt tay TLS với {host} không thành công: {detail}",
    "fetch.ca_bundle": "không nạp được tệp chứng chỉ CA '{path}': {detail}",
    "fetch.invalid_url": "địa chỉ không hợp lệ '{url}': {detail}",
    "fetch.bad_scheme": "địa chỉ không hợp lệ '{url}': chỉ dùng được http:// và https://",
    "fetch.no_host": "địa chỉ không hợp lệ '{url}': thiếu tên máy chủ",
    "fetch.attempts": "(sau {attempts} lần thử)",
    # issue 9: network
    "fetch.reset": "{host} cắt ngang kết nối",
    "fetch.closed_early": "{host} đóng kết nối trước khi gửi hết dữ liệu",
    "fetch.not_http": "{host} trả lời bằng dữ liệu không phải HTTP",
    "fetch.write_timeout": "gửi yêu cầu tới {host} quá {seconds} giây mà chưa xong",
    "fetch.retry_after": "{host} yêu cầu tạm ngừng tải: thử lại sau {time}",
    "parse.html_page": "trang {url} là trang HTML, không phải nguồn tin",
    "parse.html_no_feed": "trang {url} là trang HTML và không chỉ tới nguồn tin nào",
    "parse.advertised_not_feed": (
        "trang {url} chỉ tới nguồn tin {feed}, nhưng địa chỉ đó cũng không phải nguồn tin"
    ),
    "parse.invalid": "dữ liệu từ {url} không phải nguồn tin hợp lệ: {detail}",
    "parse.no_root": (
        "dữ liệu từ {url} không phải nguồn tin hợp lệ: không có phần tử gốc RSS hay Atom"
    ),
    "parse.cut_off": "nguồn tin {url} bị cắt cụt hoặc hỏng ({detail}) nên không đọc được bài nào",
    "parse.recovered": "XML của nguồn tin bị lỗi ({detail}); chỉ đọc được {count} bài",
    # issue 9: network
    "parse.too_deep": "nguồn tin {url} lồng nhau quá sâu nên không đọc được (quá {limit} tầng)",
    "parse.too_slow": "đọc nguồn tin {url} mất quá {seconds} giây nên đã dừng",
    "parse.too_big": "đọc nguồn tin {url} cần quá {limit} bộ nhớ nên đã dừng",
    "parse.crashed": "bộ đọc nguồn tin dừng bất thường khi đọc {url}",
    "parse.json_invalid": "dữ liệu từ {url} không phải JSON hợp lệ: {detail}",
    "parse.json_encoding": "dữ liệu từ {url} không phải JSON UTF-8 hợp lệ ({detail})",
    "parse.json_not_feed": (
        "dữ liệu từ {url} là JSON nhưng không phải JSON Feed; "
        'đặt kind = "json" và các đường dẫn [feeds.json] để đọc'
    ),
    "parse.json_feed_no_items": (
        "dữ liệu từ {url} là JSON nhưng không phải JSON Feed: không có danh sách items"
    ),
    "parse.json_no_path": 'JSON từ {url} không có gì ở đường dẫn items "{path}"',
    "parse.json_path_not_list": 'JSON từ {url} không có danh sách bài ở đường dẫn items "{path}"',
    "parse.json_top_not_list": "JSON từ {url} không có danh sách bài ở cấp ngoài cùng",
    "parse.json_no_titles": 'không mục nào trong {count} mục JSON từ {url} có tiêu đề ở "{path}"',
    "parse.wordpress_no_api": (
        "trang {url} không mở API bài viết WordPress công khai ({api} trả lỗi HTTP {status})"
    ),
    "parse.wordpress_not_list": "API WordPress ở {url} không trả về danh sách bài",
    "page.not_html": "liên kết không phải trang web ({type})",
    "page.extract_failed": "không tách được nội dung bài từ trang ({detail})",
    "page.no_text": "không tìm thấy nội dung bài trên trang",
    "internal": "lỗi nội bộ: {detail}",
    "article.missing": "không có bài nào mang số {ids}",
    "store.open": "Không mở được cơ sở dữ liệu bộ nhớ đệm {path}: {detail}.",
    "store.not_cache": (
        "{path} không phải cơ sở dữ liệu bộ nhớ đệm của newsreader-tui ({detail}); "
        "hãy chuyển tệp đi chỗ khác hoặc chọn đường dẫn khác."
    ),
    "store.newer": (
        "{path} do một phiên bản newsreader-tui mới hơn ghi (lược đồ {version}, phiên bản "
        "này chỉ biết tới {known}); hãy nâng cấp newsreader-tui hoặc dùng tệp khác."
    ),
    "config.unreadable": "{path}: không đọc được tệp cấu hình ({detail})",
    "config.invalid": "{path}: {key} {detail}",
    "config.invalid_at": "{path}, dòng {line}: {key} {detail}",
    "check.number": "phải là một số (đang là {got})",
    "check.finite": "phải là một số hữu hạn (đang là {got})",
    "check.at_least": "phải từ {minimum} trở lên (đang là {got})",
    "check.off_or_at_least": "phải là 0 (tắt) hoặc từ {minimum} trở lên (đang là {got})",
    "check.greater": "phải lớn hơn {minimum} (đang là {got})",
    "check.whole": "phải là số nguyên (đang là {got})",
    "check.boolean": "phải là true hoặc false (đang là {got})",
    "check.string": "phải là chuỗi trong dấu ngoặc kép (đang là {got})",
    "check.empty": "không được để trống",
    "check.ascii": "chỉ được chứa ký tự ASCII in được, như mọi tiêu đề HTTP (đang là {got})",
    "check.choice": "phải là một trong {options} (đang là {got})",
    "check.language": 'phải là "vi", "en" hoặc "auto" (đang là {got})',
    "check.url": "phải là địa chỉ http:// hoặc https:// (đang là {got})",
    "check.proxy": "phải là địa chỉ http://, https:// hoặc socks5:// (đang là {got})",
    "check.ca_bundle": "phải là true, false hoặc đường dẫn tới tệp chứng chỉ CA (đang là {got})",
    "check.ca_missing": "chỉ tới tệp chứng chỉ CA không tồn tại ({path})",
    "check.zone": (
        'phải là độ lệch UTC như "+07:00" hoặc tên múi giờ như "Asia/Ho_Chi_Minh" (đang là {got})'
    ),
    "check.unknown_table": "không phải bảng hợp lệ (chỉ có [settings], [[feeds]] và [keys])",
    "check.unknown_table_close": 'không phải bảng hợp lệ; có phải ý bạn là "{close}"?',
    "check.table": "phải là một bảng",
    "check.unknown_setting": "không phải thiết lập hợp lệ",
    "check.unknown_setting_close": 'không phải thiết lập hợp lệ; có phải ý bạn là "{close}"?',
    "check.alias_twice": "không được đặt cùng với settings.{other}",
    "check.feeds_array": "phải viết thành các mục [[feeds]]",
    "check.repeated_url": "trùng địa chỉ với feeds[{other}] ở dòng {other_line} ({url})",
    "check.unknown_feed_key": "không phải khóa hợp lệ của nguồn tin",
    "check.unknown_feed_key_close": (
        'không phải khóa hợp lệ của nguồn tin; có phải ý bạn là "{close}"?'
    ),
    "check.no_url": 'thiếu url (mỗi mục [[feeds]] cần có url = "https://...")',
    "check.json_missing": (
        'có kind = "json" nhưng thiếu bảng [feeds.json] với ít nhất items và title'
    ),
    "check.json_table": "phải là một bảng các đường dẫn có dấu chấm",
    "check.json_kind": 'chỉ dùng với kind = "json" (nguồn này có kind = "{kind}")',
    "check.unknown_path": "không phải đường dẫn hợp lệ",
    "check.unknown_path_close": 'không phải đường dẫn hợp lệ; có phải ý bạn là "{close}"?',
    "check.json_required": 'là bắt buộc với kind = "json"',
    "check.keys_table": "phải là một bảng dạng tên phím tắt = phím",
    "config.not_utf8": "{path}, dòng {line}: tệp không phải văn bản UTF-8",
    "config.toml": "{path}, dòng {line}: không phải TOML hợp lệ: {detail}",
    "config.toml_at": "{path}, dòng {line}, cột {column}: không phải TOML hợp lệ: {detail}",
    "opml.not_opml": "{path}, dòng {line}: không phải tệp OPML (phần tử gốc là <{tag}>)",
    "opml.no_body": "{path}, dòng {line}: tệp OPML không có <body>",
    "opml.doctype": "{path}, dòng {line}: từ chối đọc khai báo DOCTYPE (tệp OPML không cần)",
    "opml.entity": "{path}, dòng {line}: từ chối đọc khai báo ENTITY",
    "opml.external": "{path}, dòng {line}: từ chối đọc tham chiếu tới thực thể bên ngoài",
    "opml.malformed": "{path}, dòng {line}: XML sai cú pháp ({detail})",
    "opml.empty": "{path}, dòng 1: tệp trống",
    # issue 9: files (the cache that cannot be written, is full or is damaged)
    "store.read_only": "Không lưu được thay đổi: bộ nhớ đệm {path} chỉ đọc được.",
    "store.read_only_old": (
        "Bộ nhớ đệm {path} chỉ đọc được và do một newsreader-tui cũ hơn ghi (lược đồ "
        "{version}, phiên bản này cần {known}), nên chưa đọc được cho tới khi ghi được một lần."
    ),
    "store.full": "Ổ đĩa chứa bộ nhớ đệm {path} đã đầy nên thay đổi này không được lưu.",
    "store.busy": (
        "Bộ nhớ đệm {path} đang bận vì một newsreader-tui khác; hãy thử lại sau giây lát."
    ),
    "store.damaged": (
        "Cơ sở dữ liệu bộ nhớ đệm {path} bị hỏng ({detail}); hãy thoát rồi mở lại "
        "newsreader-tui để dựng lại."
    ),
    "store.failed": "Cơ sở dữ liệu bộ nhớ đệm {path} gặp lỗi: {detail}.",
    "store.rebuilt": (
        "Cơ sở dữ liệu bộ nhớ đệm bị hỏng ({detail}) nên đã được chuyển sang {moved}; bộ nhớ "
        "đệm mới giữ lại {count} bài còn đọc được, cùng trạng thái đã đọc và gắn sao."
    ),
    "store.damaged_in_use": (
        "Cơ sở dữ liệu bộ nhớ đệm {path} bị hỏng ({detail}) nhưng một newsreader-tui khác đang "
        "dùng nó; hãy đóng chương trình đó rồi mở lại để dựng lại bộ nhớ đệm."
    ),
    "store.not_private": (
        "Người dùng khác đọc được {path} và không thể đặt lại thành riêng tư ({detail}); "
        "hãy chạy: chmod -R go-rwx {path}"
    ),
}

PROBLEMS: dict[str, dict[str, str]] = {"vi": PROBLEMS_VI}
"""Catalogues by language; English is the core's own text."""


class HasProblem(Protocol):
    """A fetch outcome or a feed's status: what failed (`error`) or was read past (`warning`),
    as English text, and the same with its code (`problem`)."""

    @property
    def error(self) -> str | None: ...
    @property
    def warning(self) -> str | None: ...
    @property
    def problem(self) -> Problem | None: ...


Subject = Problem | NewsreaderError | HasProblem | None


def problem_of(subject: Subject) -> Problem | None:
    """The problem `subject` reports: an error's, or a fetch outcome's or feed status's error,
    else its warning; None when there is nothing wrong."""
    if subject is None or isinstance(subject, Problem):
        return subject
    if isinstance(subject, NewsreaderError):
        return subject.problem
    if subject.problem is not None:
        return subject.problem
    text = subject.error or subject.warning
    return Problem.plain(text) if text else None


def say(problem: Problem, language: str) -> str:
    """`problem` in `language`, or its English text when there is no translation for it."""
    catalogue = PROBLEMS.get(language, {})
    template = catalogue.get(problem.code)
    if template is None:
        return problem.text
    params = dict(problem.params)
    if problem.inner is not None:
        params["detail"] = say(problem.inner, language)
    try:
        text = template.format(**params)
        if "attempts" in problem.params:
            text += " " + catalogue["fetch.attempts"].format(**problem.params)
    except (KeyError, IndexError, ValueError):
        # Params stored by another version may not fit this template: English still does.
        return problem.text
    return text


def describe(subject: Subject, labels: Labels) -> str:
    """What went wrong in `subject`, in the language of `labels`; "" when nothing did.

    `subject` is a `FetchOutcome` or `FeedStatus` (its error, else its warning), a
    `NewsreaderError` or a `Problem`. The reader's toasts and dialogs and the command line's
    messages all say problems through this one function.
    """
    problem = problem_of(subject)
    return "" if problem is None else say(problem, labels.language)
