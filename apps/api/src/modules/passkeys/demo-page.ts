/**
 * A minimal page that runs passkey sign-up and sign-in against this API with the browser's own
 * WebAuthn JSON helpers (`PublicKeyCredential.parseCreationOptionsFromJSON`, `toJSON()`, WebAuthn
 * L3 §5.1.8–5.1.10). No framework and no external script; the Content-Security-Policy allows the
 * page's own inline script and style and requests to this origin, nothing else.
 */
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Qeet ID — passkeys</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }
  input, button { font: inherit; padding: .4rem .6rem; margin: .2rem 0; width: 100%; box-sizing: border-box; }
  #status { margin-top: 1rem; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>Passkeys</h1>
<form id="signup">
  <label>Email <input id="email" type="email" autocomplete="username webauthn" required></label>
  <label>Name <input id="name" autocomplete="name"></label>
  <button id="signup-button" type="submit">Create an account with a passkey</button>
</form>
<button id="signin-button" type="button">Sign in with a passkey</button>
<p id="status" role="status"></p>
<script type="module">
const status = document.getElementById('status');
const post = async (path, body) => {
  const res = await fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error ? json.error.code + ': ' + json.error.message : res.status);
  return json;
};
document.getElementById('signup').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const email = document.getElementById('email').value;
    const name = document.getElementById('name').value;
    const begin = await post('/v1/auth/passkeys/signup/begin', name ? { email, display_name: name } : { email });
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(begin.options);
    const credential = await navigator.credentials.create({ publicKey });
    const session = await post('/v1/auth/passkeys/signup/finish', { credential: credential.toJSON() });
    status.textContent = 'signed-up:' + session.user_id;
  } catch (error) {
    status.textContent = 'error:' + error.message;
  }
});
document.getElementById('signin-button').addEventListener('click', async () => {
  try {
    const begin = await post('/v1/auth/passkeys/login/begin');
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(begin.options);
    const credential = await navigator.credentials.get({ publicKey });
    const session = await post('/v1/auth/passkeys/login/finish', { credential: credential.toJSON() });
    status.textContent = 'signed-in:' + session.user_id;
  } catch (error) {
    status.textContent = 'error:' + error.message;
  }
});
</script>
</body>
</html>
`;

export function passkeyDemoPage(): Response {
  return new Response(html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'content-security-policy':
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
    },
  });
}
