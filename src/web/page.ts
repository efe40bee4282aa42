// The one HTML page of the board: the token it was opened with, the script and the stylesheet.
// Everything else is drawn by the script from the api.
export function shell(token: string, root: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="killdate-token" content="${esc(token)}">
<meta name="killdate-root" content="${esc(root)}">
<title>killdate board</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header class="top"><a class="brand" href="#/board">killdate</a><nav id="nav"></nav><span id="live" class="live" title="live updates">live</span></header>
<main id="main" aria-live="polite"></main>
<script src="/app.js"></script>
</body>
</html>
`;
}
