namespace Stackmark.Server.Web;

/// <summary>The UI's only stylesheet, served from memory at <c>/static/site.css</c> (no external assets).</summary>
internal static class SiteCss
{
    public const string Text = """
        :root { --fg: #1d2330; --muted: #5b6474; --line: #d9dee7; --bg: #f6f7f9; --accent: #2456a6; --pass: #17703a; --fail: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
        header { background: #17202f; }
        nav { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: center; max-width: 1200px; margin: 0 auto; padding: .7em 1.2em; }
        nav a { color: #e8edf6; text-decoration: none; }
        nav a:hover { text-decoration: underline; }
        nav .brand { font-weight: 700; margin-right: 1em; }
        nav .account { margin-left: auto; color: #e8edf6; display: flex; gap: .6em; align-items: center; }
        main { max-width: 1200px; margin: 0 auto; padding: 1em 1.2em 3em; }
        footer { max-width: 1200px; margin: 0 auto; padding: 1em 1.2em; color: var(--muted); font-size: 13px; }
        h1 { font-size: 1.6em; margin: .4em 0 .6em; word-break: break-word; }
        h2 { font-size: 1.2em; margin: 1.6em 0 .5em; }
        a { color: var(--accent); }
        table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
        th, td { text-align: left; padding: .45em .7em; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; font-size: 13px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; word-break: break-all; }
        .pass { color: #fff; background: var(--pass); padding: .1em .55em; border-radius: 3px; font-weight: 600; font-size: 13px; }
        .fail { color: #fff; background: var(--fail); padding: .1em .55em; border-radius: 3px; font-weight: 600; font-size: 13px; }
        .badge { background: #dfe6f3; color: #213a66; padding: .1em .5em; border-radius: 3px; font-size: 12px; }
        .verdict { font-size: 1.25em; padding: .8em 1em; border-radius: 4px; margin: .5em 0 1em; color: #fff; }
        .verdict.ok { background: var(--pass); }
        .verdict.ko { background: var(--fail); }
        .verdict.incomplete, .incomplete { background: #8a5a00; }
        .incomplete { color: #fff; padding: .1em .55em; border-radius: 3px; font-weight: 600; font-size: 13px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1em 1.2em; margin: .8em 0; }
        .narrow { max-width: 420px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1.2em; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; word-break: break-word; }
        form.filters, form.switch { display: flex; flex-wrap: wrap; gap: .8em; align-items: flex-end; }
        label { display: flex; flex-direction: column; gap: .2em; font-size: 13px; color: var(--muted); margin-bottom: .6em; }
        input, select, textarea { font: inherit; padding: .35em .5em; border: 1px solid #b9c1ce; border-radius: 3px; background: #fff; color: var(--fg); }
        textarea { width: 100%; min-height: 5em; }
        button, a.button { font: inherit; padding: .4em 1em; border: 0; border-radius: 3px; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.danger { background: var(--fail); }
        button.link { background: none; color: #e8edf6; padding: 0; text-decoration: underline; }
        form.inline { display: inline; margin: 0; }
        .error { color: var(--fail); font-weight: 600; }
        .notice { background: #e6f3ea; border: 1px solid #b9dcc4; padding: .6em .9em; border-radius: 4px; }
        .muted { color: var(--muted); }
        .or { color: var(--muted); }
        .pager { margin: 1em 0; display: flex; gap: 1em; }
        ul.failing { margin: .3em 0 0; padding-left: 1.2em; }
        td.when { white-space: nowrap; word-break: normal; }
        ul.plain { margin: 0; padding-left: 1.1em; }
        ul.plain li { margin: .15em 0; }
        li.program .pass { display: inline-block; margin-bottom: .2em; }
        ul.failing li { margin: .15em 0; }
        details > summary { cursor: pointer; color: var(--accent); }
        tr.wrong td { background: #fdf0ef; }
        td.marks { white-space: nowrap; }
        table.matrix td:first-child code { word-break: normal; }
        .criteria { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: 0 1em; }
        .badge.waived { background: #e6f3ea; color: var(--pass); }
        ul.waivers li { margin: .4em 0; }
        form.decide { display: flex; gap: .4em; flex-wrap: wrap; margin: 0; }
        code.old { color: var(--fail); }
        code.new { color: var(--pass); }
        pre.tests { background: #fff; border: 1px solid var(--line); padding: .8em; overflow-x: auto; font-size: 12px; max-height: 30em; }
        """;
}
