/**
 * Escapes text for HTML element content and double-quoted attributes.
 *
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * The page that loads the Preact app: no inline script or style (the CSP forbids them).
 *
 * @example pageShell('/') // '<!doctype html>…<script type="module" src="assets/app.js">…'
 */
export function pageShell(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${escapeHtml(base)}">
<title>Airlock</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/app.css">
<script type="module" src="assets/app.js"></script>
</head>
<body><div id="app"></div></body>
</html>
`
}

/**
 * The login page: one form that POSTs the admin token (or a bearer token of an auditor).
 *
 * @example loginPage('/', 'that token is not valid')
 */
export function loginPage(base: string, error?: string): string {
  const problem = error ? `<p class="login-error" role="alert">${escapeHtml(error)}</p>` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="${escapeHtml(base)}">
<title>Airlock — sign in</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/app.css">
</head>
<body>
<main class="login">
<h1>Airlock</h1>
<form method="post" action="login">
<label for="token">Admin or auditor token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button>
</form>
${problem}
</main>
</body>
</html>
`
}
