/// The look every page of the status API shares (the status page, the dead-letter browser and
/// pages stages add): colours, the dark header with its nav, the layout, SVG chart parts and
/// tables. A page starts with ``documentStart(title:)`` and adds its own rules after it.
public enum PageStyle {
    /// The document up to and inside its `<style>`, with the shared rules in it: the page goes on with
    /// its own rules, then `</style></head>`.
    public static func documentStart(title: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>
        \(base)
        """
    }

    /// The shared rules.
    static let base = """
      :root { --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; }
      body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
      header { background: #24292f; color: #fff; padding: 12px 20px; display: flex; gap: 16px; align-items: baseline; }
      header h1 { font-size: 18px; margin: 0; }
      header nav { margin-left: auto; display: flex; gap: 14px; }
      header a { color: #c9d1d9; }
      main { padding: 16px 20px; }
      h2 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); font-weight: 600; }
      .charts { display: flex; gap: 16px; flex-wrap: wrap; }
      .chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
      .chart h3 { font-size: 12px; margin: 0 0 4px; color: var(--muted); font-weight: 600; }
      .chart .axis { fill: var(--muted); font-size: 10px; }
      .chart .grid { stroke: #eaeef2; }
      .chart .series { fill: none; stroke-width: 1.5; }
      .legend { font-size: 11px; color: var(--muted); display: flex; gap: 10px; }
      .legend i { display: inline-block; width: 10px; height: 3px; vertical-align: middle; margin-right: 3px; }
      table { border-collapse: collapse; margin-top: 8px; background: #fff; font-variant-numeric: tabular-nums; }
      th, td { border: 1px solid var(--line); padding: 4px 10px; }
    """
}
