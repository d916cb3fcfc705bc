"""The live preview: what `archgen site --serve` and `mkdocs serve` keep between rebuilds.

A rebuild that raised would leave MkDocs' live-reload server waiting for a build that
never comes: every request, the page's own reload poll included, would hang until the
models were fixed. So while serving, bad models (or a drawing that failed) do not fail
the build: the last good pages are built again with a banner on every page giving each
problem as `file:line:col: message`, and the next good save replaces them.

A save usually changes a few pages: its stage's, the next stage's, the overview. The
server's dirty builds (`archgen site --serve` always builds dirty) skip every page
whose Markdown is what the last build wrote, unless the navigation changed, which
every page shows; then the site folder is emptied and all is built. The banner is
written into the built pages, so showing or clearing it renders no page again.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from archgen.errors import ArchgenError
from archgen.publish.pages import SiteContent

log = logging.getLogger("mkdocs.plugins.archgen")

#: the banner as `show_problems` writes it into a page, and where it goes
_BANNER = re.compile(r"<!--archgen-preview-->.*?<!--/archgen-preview-->", re.DOTALL)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
#: the banner's look, inline so that it shows even when a stylesheet is missing
_BANNER_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.8em 1.2em;"
    "background:#b71c1c;color:#fff;font:14px/1.4 monospace"
)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled by an earlier build, kept in memory.

    Each build gets a new template environment, which would compile the theme's
    templates again (a third of a small rebuild); Jinja checks each kept one against
    its template's source before using it.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` with the code kept for it, if any."""
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep `bucket`'s code for the next build."""
        self.code[bucket.key] = bucket.bytecode_to_string()


class PreviewPage(File):
    """A generated page that a dirty build skips when the last build wrote the same."""

    unchanged = False

    def is_modified(self) -> bool:
        """Whether a dirty build must render the page again."""
        return not (self.unchanged and Path(self.abs_dest_path).is_file())


@dataclass
class Preview:
    """A serving plugin's state from one build to the next."""

    #: the last models that loaded, and the drawings last drawn
    content: SiteContent | None = None
    diagrams: dict[str, str] = field(default_factory=dict)
    #: each models folder's drawings by what they are drawn from, not to be read again
    drawings: dict[Path, dict[str, str]] = field(default_factory=dict)
    #: what the banner says (`file:line:col: message` lines); empty when all is well
    problems: tuple[str, ...] = ()
    #: what the banner on the pages of the site folder says
    shown: tuple[str, ...] = ()
    #: the Markdown of each generated page as the last build wrote it
    written: dict[str, str] = field(default_factory=dict)
    #: the pages last rendered, and from which models (the same object) and prefix
    markdown: dict[str, str] = field(default_factory=dict)
    rendered: tuple[SiteContent, str] | None = None
    #: what every page shows besides its own text (the navigation), last build
    layout: object = None
    #: under `--strict` a warning fails the build: the problems are then logged as info
    strict: bool = False
    #: the theme's templates, compiled once (`quicker_theme`, `on_env`)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    #: the theme's files, as listed by the first build (`quicker_theme`)
    theme_files: dict[object, list[str]] = field(default_factory=dict)

    def load(self, loader: Callable[[], SiteContent]) -> SiteContent | None:
        """The models `loader` loads, or the last good ones when they have problems."""
        from archgen.publish.plugin import ModelsError

        self.problems = ()  # each build starts afresh: a load is its first step
        try:
            self.content = loader()
        except ModelsError as error:
            self._failed([str(problem) for problem in error.problems])
        return self.content

    def draw(self, drawer: Callable[[], dict[str, str]]) -> dict[str, str]:
        """The drawings `drawer` draws, or the last ones drawn when it fails."""
        try:
            self.diagrams = drawer()
        except ArchgenError as error:
            self._failed([error.message])
        return self.diagrams

    def _failed(self, problems: list[str]) -> None:
        self.problems = (*self.problems, *problems)
        level = logging.INFO if self.strict else logging.WARNING
        for problem in problems:
            log.log(level, "archgen: %s", problem)
        if self.content is not None:
            log.log(level, "archgen: showing the last good build; fix the models and save")

    def pages(self, config: MkDocsConfig, prefix: str, content: SiteContent) -> list[File]:
        """The pages of `content` (under `prefix`), each marked unchanged when a dirty
        build may skip it.

        When what every page shows has changed, the site folder is emptied first, so
        that every page is written again and none of a removed model's is left. The
        last good models, shown again while the models have errors, are not rendered
        again.
        """
        from archgen.publish.pages import render_pages

        if self.rendered is None or self.rendered[0] is not content or self.rendered[1] != prefix:
            self.markdown = {prefix + p: text for p, text in render_pages(content).items()}
            self.rendered = (content, prefix)
        markdown = self.markdown
        layout = (repr(config.nav), sorted(markdown))
        every = layout != self.layout
        if every and self.layout is not None:
            clean_directory(config.site_dir)
        files: list[File] = []
        for path, text in markdown.items():
            page = PreviewPage.generated(config, path, content=text)
            assert isinstance(page, PreviewPage)  # `generated` builds the class it is called on
            page.unchanged = not every and self.written.get(path) == text
            files.append(page)
        self.written, self.layout = dict(markdown), layout
        return files

    def quicker_theme(self, config: MkDocsConfig) -> None:
        """Make `config`'s theme reuse what earlier builds learned of it: its compiled
        templates, and the list of its files.

        MkDocs lists the theme's files on every build to copy its assets, and
        mkdocs-material ships thousands of icons: a quarter of a small rebuild. A theme
        does not change while the site is served; its templates are still checked
        against their sources.
        """
        theme = config.theme
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.bytecode_cache = self.templates
            list_templates = env.list_templates

            def listed(
                extensions: Collection[str] | None = None,
                filter_func: Callable[[str], bool] | None = None,
            ) -> list[str]:
                # the same filter is the same code (a closure made anew each build)
                test = getattr(filter_func, "__code__", filter_func)
                key = (tuple(theme.dirs), tuple(extensions or ()), test)
                if key not in self.theme_files:
                    self.theme_files[key] = list_templates(extensions, filter_func)
                return self.theme_files[key]

            env.list_templates = listed  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def error_page(self) -> str:
        """The Markdown of a page standing in for the generated ones before any loaded."""
        return "# The models have errors\n\nFix them and save: this page reloads.\n"

    def show_problems(self, site_dir: Path) -> None:
        """Put the problems in a banner at the top of every page of the built site (and
        take away the last build's), or leave the pages be when there were none.

        Done on the written files rather than as each page is rendered, so that a save
        that breaks a model, or fixes it, renders no page again.
        """
        if not (self.problems or self.shown):
            return
        banner = self._banner()
        for path in site_dir.rglob("*.html"):
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            page = _BANNER.sub("", text)
            body = _BODY.search(page)
            if body is not None:
                page = page[: body.end()] + banner + page[body.end() :]
            if page != text:
                path.write_text(page, encoding="utf-8", errors="surrogateescape")
        self.shown = self.problems

    def _banner(self) -> str:
        if not self.problems:
            return ""
        lines = "\n".join(html.escape(problem) for problem in self.problems)
        state = "the last good build" if self.content is not None else "no pages yet"
        return (
            f'<!--archgen-preview--><div class="archgen-preview-error" role="alert" '
            f'style="{_BANNER_STYLE}"><strong>archgen could not build the preview '
            f"(showing {state}); fix and save:</strong>"
            f'<pre style="margin:.4em 0 0;white-space:pre-wrap;color:inherit;'
            f'background:none">{lines}</pre></div><!--/archgen-preview-->'
        )


#: how often the models are looked at for changes (MkDocs' own serve looks every 0.5 s)
POLL_SECONDS = 0.1


def preview_builder(
    config_file: Path, site_dir: Path, url: str, content: SiteContent | None = None
) -> tuple[MkDocsConfig, Callable[[], None]]:
    """The config whose plugins keep the preview's state (call its `on_shutdown` when
    done), and the function that builds the site served at `url` into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from archgen.publish.plugin import ArchgenPlugin

    startup = load_config(str(config_file), site_dir=str(site_dir))
    plugin: ArchgenPlugin = startup.plugins["archgen"]  # type: ignore[assignment]
    plugin.preloaded = content
    startup.plugins.on_startup(command="serve", dirty=True)

    def builder() -> None:
        log.info("Building the site...")
        # a fresh config each time, as `mkdocs serve` does: the plugins' events add to it
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.site_url = url
        assert plugin.preview is not None
        plugin.preview.quicker_theme(config)
        build(config, serve_url=url, dirty=True)

    return startup, builder


def serve(
    config_file: Path, site_dir: Path, host: str, port: int, models_dir: Path, content: SiteContent
) -> None:
    """Serve the site of `config_file` (an archgen site's mkdocs.yml) from `site_dir`
    until interrupted, rebuilding it when a file under `models_dir` changes.

    This is MkDocs' `serve` command, with the models watched directly and often, and
    dirty builds that render only the pages a save changed. `content` (the models as
    loaded before) feeds the first build. `OSError` when the port cannot be listened on.
    """
    from mkdocs.livereload import LiveReloadServer

    url = f"http://{host}:{port}/"
    startup, builder = preview_builder(config_file, site_dir, url, content)
    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), polling_interval=POLL_SECONDS
    )
    not_found = site_dir / "404.html"

    def error_page(code: int) -> bytes | None:
        return not_found.read_bytes() if code == 404 and not_found.is_file() else None

    server.error_handler = error_page
    try:
        builder()
        server.watch(str(models_dir))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        startup.plugins.on_shutdown()
