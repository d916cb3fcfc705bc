"""The `archgen` MkDocs plugin: generated architecture pages inside any MkDocs site.

    plugins:
      - search
      - archgen:
          models: models/
          examples: examples/   # optional: independent models, a page each
          journey: [base.yaml, ha.yaml]   # optional: an order of stages without extends

Pages are virtual files (`File.generated`): nothing is written into the docs folder.
The models are loaded and checked in `on_config` (the navigation needs the stage
titles), diagrams are rendered and pages written in `on_files`, and `mkdocs serve`
watches the models folder so editing a model reloads its page; while serving, bad
models show as a banner over the last good pages (`archgen.publish.preview`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from archgen.errors import ArchgenError
from archgen.load.problems import ModelError, Problem
from archgen.publish import pages
from archgen.publish.journey import DARK_SUFFIX, Journey, load_journey
from archgen.publish.preview import Preview

log = logging.getLogger("mkdocs.plugins.archgen")

#: Markdown extensions the generated pages use, with their settings
EXTENSIONS: dict[str, dict[str, Any]] = {
    "tables": {},
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},
    "toc": {"permalink": True},
}


class ModelsError(PluginError):
    """The models folder has problems; each line is `file:line:col: message`."""

    def __init__(self, error: ModelError) -> None:
        self.problems = error.problems
        super().__init__("\n".join(str(p) for p in error.problems))


class DiagramsError(PluginError):
    """Drawing failed (a tool is missing): MkDocs shows the message, not a traceback."""

    def __init__(self, error: ArchgenError) -> None:
        super().__init__(error.message)


class ArchgenPluginConfig(Config):  # type: ignore[no-untyped-call]
    """Options of the plugin in mkdocs.yml."""

    #: the folder of model files, relative to mkdocs.yml
    models = c.Type(str, default="models")
    #: a folder of independent models (no journey), relative to mkdocs.yml: each gets a
    #: page of its own under `<path>/examples/`, with an index of them all
    examples = c.Optional(c.Type(str))
    #: file names of the models folder in journey order, each stage building on the one
    #: before it (for models that do not `extends` each other; by default a model builds
    #: on the model it extends, and a model without that relation stands on its own)
    journey = c.ListOfItems(c.Type(str), default=[])
    #: the folder of the generated pages inside the site ("" for the site's root)
    path = c.Type(str, default="architecture")
    #: where drawn diagrams are kept between builds, relative to mkdocs.yml; by default
    #: the user's cache folder ($XDG_CACHE_HOME/archgen, else ~/.cache/archgen). What
    #: is read back is checked as untrusted wherever it is (see `render.svg_cache`).
    cache = c.Optional(c.Type(str))
    #: hand-written pages listed first in a generated navigation; missing ones are skipped
    guides = c.ListOfItems(c.Type(str), default=[])
    #: add the generated pages to the navigation
    nav = c.Type(bool, default=True)
    #: the folder `extends` may reach, relative to mkdocs.yml (default: the git work tree
    #: holding the models folder, else that folder)
    root = c.Optional(c.Type(str))


class ArchgenPlugin(BasePlugin[ArchgenPluginConfig]):  # type: ignore[no-untyped-call]
    """Adds the architecture journey of a models folder to a MkDocs site."""

    def __init__(self) -> None:
        self.content: pages.SiteContent | None = None
        #: set by `archgen site` to reuse the models it has already loaded
        self.preloaded: pages.SiteContent | None = None
        #: why the build failed, for `archgen site` to report with its own exit code
        self.failure: ArchgenError | None = None
        #: what a live preview keeps between rebuilds (None unless serving)
        self.preview: Preview | None = None

    # --- paths ---------------------------------------------------------------------------

    def _base(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def models_dir(self, config: MkDocsConfig) -> Path:
        """The models folder, resolved against mkdocs.yml's folder."""
        return (self._base(config) / self.config.models).resolve()

    def examples_dir(self, config: MkDocsConfig) -> Path | None:
        """The folder of independent models, resolved against mkdocs.yml's folder."""
        if self.config.examples is None:
            return None
        return (self._base(config) / self.config.examples).resolve()

    def cache_root(self, config: MkDocsConfig) -> Path:
        """The folder of kept drawings: the `cache` option (relative to mkdocs.yml), or
        the user's cache folder."""
        if self.config.cache is None:
            from archgen.user_cache import cache_folder

            return cache_folder()
        return self._base(config) / self.config.cache

    def prefix(self) -> str:
        """The generated pages' folder as a path prefix: ``""`` or ``"architecture/"``."""
        path = self.config.path.strip("/")
        return f"{path}/" if path else ""

    # --- events --------------------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Start a live preview's state when serving.

        Defining this event keeps the plugin (and its state) from one rebuild to the
        next, and from one site to the next in one process: `on_config` resets the rest.
        """
        self.preview = Preview() if command == "serve" else None

    def on_shutdown(self) -> None:
        """Forget the live preview."""
        self.preview = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the models; add the extensions, stylesheet and navigation."""
        root = self._base(config) / self.config.root if self.config.root else None
        preloaded, self.preloaded, self.failure = self.preloaded, None, None

        def load() -> pages.SiteContent:
            return preloaded or load_content(
                self.models_dir(config), root, self.examples_dir(config), self.config.journey
            )

        if self.preview is not None:
            self.preview.strict = config.strict
            self.content = self.preview.load(load)
        else:
            self.content = load()
        for note in skipped_notes(self.content) if self.content is not None else []:
            log.info("archgen: %s", note)
        for name, settings in EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs.setdefault(name, settings)
        config.extra_css.append(self.prefix() + pages.STYLESHEET)
        config.extra_javascript.append(self.prefix() + pages.ZOOM_SCRIPT)
        if self.config.nav and self.content is not None:
            config.nav = self._navigation(config)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Render the diagrams and pages and add them as virtual files."""
        from archgen.publish.diagrams import diagram_cache, render_diagrams
        from archgen.publish.pages import templates_dir
        from archgen.render.theme import themed_svg

        prefix = self.prefix()
        content = self.content
        if content is None:  # serving, and the models have never loaded: say so
            assert self.preview is not None
            if files.get_file_from_path(prefix + "index.md") is None:
                page = self.preview.error_page()
                files.append(File.generated(config, prefix + "index.md", content=page))
            return files

        def draw() -> dict[str, str]:
            diagrams: dict[str, str] = {}
            for models in (content.journey, content.examples):
                if models is not None:
                    cache = diagram_cache(self.cache_root(config), models.models_dir)
                    kept = None
                    if self.preview is not None:  # drawings checked once, not once a save
                        kept = self.preview.drawings.setdefault(models.models_dir, {})
                    diagrams |= render_diagrams(models, cache, kept)
            return diagrams

        if self.preview is not None:
            diagrams = self.preview.draw(draw)
        else:
            try:
                diagrams = draw()
            except ArchgenError as error:  # e.g. Graphviz missing: a message, not a trace
                self.failure = error
                raise DiagramsError(error) from None
        generated: list[File]
        if self.preview is not None:
            generated = self.preview.pages(config, prefix, content)
        else:
            rendered = pages.render_pages(content).items()
            generated = [File.generated(config, prefix + p, content=t) for p, t in rendered]
        for stem, svg in diagrams.items():
            # the checked text itself, not a path to a cached file that could change
            generated.append(File.generated(config, f"{prefix}{stem}.svg", content=svg))
            # its dark twin, shown when the reader picks the dark palette
            dark = themed_svg(svg, "dark")
            name = f"{prefix}{stem}{DARK_SUFFIX}.svg"
            generated.append(File.generated(config, name, content=dark))
        for path, template in pages.ASSETS.items():
            asset = (templates_dir() / "site" / template).read_bytes()
            generated.append(File.generated(config, prefix + path, content=asset))
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(
                    f"archgen: {file.src_uri} exists in {config.docs_dir}; "
                    f"set the plugin's 'path' option to another folder"
                )
            files.append(file)
        stages = len(content.journey.stages)
        log.info("archgen: %d stages, %d generated files", stages, len(generated))
        return files

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give generated pages an HTML-safe `<title>`.

        mkdocs-material writes ``page.title | striptags`` into `<title>` unescaped, and
        `striptags` turns the escaped nav title back into markup: a model titled
        ``</title><script>…`` would run. A `meta.title`, which the theme prints as is,
        takes precedence, so it carries the title escaped exactly once.
        """
        if page.file.generated_by == "archgen" and page.title:
            page.meta["title"] = html.escape(html.unescape(page.title), quote=False)
        return context

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """While serving, compile the theme's templates once, not once per rebuild."""
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """While serving, every page shows the models' problems, if they have any."""
        if self.preview is not None:
            self.preview.show_problems(Path(config.site_dir))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a model changes."""
        server.watch(str(self.models_dir(config)))
        examples = self.examples_dir(config)
        if examples is not None:
            server.watch(str(examples))
        return server

    # --- navigation ----------------------------------------------------------------------

    def _navigation(self, config: MkDocsConfig) -> list[Any]:
        assert self.content is not None
        prefix = self.prefix()
        generated = pages.navigation(self.content, prefix)
        section: list[Any] = generated if not prefix else [{"Architecture": generated}]
        if config.nav is not None:
            user_nav: list[Any] = list(config.nav)
            if prefix and prefix in repr(user_nav):
                return user_nav  # the user placed the generated pages already
            return user_nav + section
        # no nav declared: hand-written pages (home, the guides in order, the rest), then ours
        docs = Path(config.docs_dir)
        written = sorted(
            p.relative_to(docs).as_posix()
            for p in docs.rglob("*.md")
            if not p.relative_to(docs).as_posix().startswith(prefix or "\0")
        )
        first = [p for p in ("index.md", "README.md") if p in written][:1]
        guides = [g for g in self.config.guides if g in written and g not in first]
        rest = [p for p in written if p not in first and p not in guides]
        return first + [_titled(docs, page) for page in guides + rest] + section


def _titled(docs: Path, page: str) -> Any:
    """`{title: page}` from the page's first `# ` heading, or just `page`.

    MkDocs finds a title only when the heading is the page's first element; a page that
    starts with an HTML comment (a generated page's notice) would be listed by file name.
    """
    try:
        lines = (docs / page).read_text(encoding="utf-8").splitlines()
    except OSError:
        return page
    heading = next((line[2:].strip() for line in lines if line.startswith("# ")), "")
    return {heading: page} if heading else page


def load_content(
    models_dir: Path,
    root: Path | None = None,
    examples_dir: Path | None = None,
    order: Sequence[str] = (),
) -> pages.SiteContent:
    """The journey of `models_dir`, the rule catalogue, and the independent models of
    `examples_dir` if given; `ModelsError` on bad models (of both folders at once).
    `root` is the project root (`archgen.load.project`); `order` the plugin's `journey`
    option (`load_journey`)."""
    problems: list[Problem] = []
    journey = examples = None
    try:
        journey = load_journey(models_dir, root, order=order)
    except ModelError as error:
        problems += error.problems
    if examples_dir is not None:
        try:
            examples = load_journey(examples_dir, root, folder=pages.EXAMPLES)
        except ModelError as error:
            problems += error.problems
    if journey is not None and examples_dir is not None:
        problems += _examples_page_problems(journey)
    if problems or journey is None:
        raise ModelsError(ModelError(problems))
    from archgen.rules import catalogue

    return pages.SiteContent(journey, catalogue(), examples)


def skipped_notes(content: pages.SiteContent) -> list[str]:
    """One note per YAML file of the folders that is not a model (and so has no page)."""
    return [
        f"{path}: skipped, not a model (no top-level 'archgen:' key)"
        for models in (content.journey, content.examples)
        if models is not None
        for path in models.skipped
    ]


def _examples_page_problems(journey: Journey) -> list[Problem]:
    """A journey model whose page would be the examples' index (`examples.md`)."""
    folder = pages.EXAMPLES.rstrip("/")
    return [
        Problem(
            str(stage.loaded.path),
            1,
            1,
            f"a model named {stage.slug!r} would replace the index of the examples; "
            "rename the file",
        )
        for stage in journey.stages
        if stage.slug.casefold() == folder
    ]
