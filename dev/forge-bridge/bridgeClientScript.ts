// The browser half of the bridge: the `window.__bridge.callBridge(name, payload)` that @forge/bridge 7.2.0
// calls (out/bridge.js). It must run before the app's bundle, because @forge/bridge looks the bridge up
// when its modules load. It is served as a separate script (not inline) so the page keeps a strict CSP.
import { THEME_SHEETS, themeState, type ColorMode } from './host-theme';

/** Bridge calls that are harmless to honour locally; everything else is refused with a clear error. */
export const SUPPORTED_BRIDGE_CALLS = [
  'getContext',
  'invoke',
  'emitReadyEvent',
  'enableTheming',
  'changeWindowTitle',
  'navigate',
  'close',
];

/** Module types Bitbucket renders in a modal dialog, the only views `view.close()` can close. */
export const MODAL_MODULE_TYPES = ['bitbucket:repoPullRequestAction', 'bitbucket:repoCodeOverviewAction'];

/** JSON that is safe inside a script body (no `</script>`, no line separators JavaScript rejects). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * `sessionUrl` is `/__bridge/<session>`: `invoke` and `consent` are posted below it. When a resolver lets
 * `NeedsAuthenticationError` escape, Forge shows its own consent prompt and re-initialises the app once access is
 * allowed; the script plays that prompt as a dialog over the page, with "Allow access" and "Cancel".
 */
export function bridgeClientScript(
  sessionUrl: string,
  context: Record<string, unknown>,
  colorMode: ColorMode = 'light',
): string {
  const theme = themeState(colorMode);
  return `(function () {
  'use strict';
  var invokeUrl = ${scriptSafeJson(`${sessionUrl}/invoke`)};
  var consentUrl = ${scriptSafeJson(`${sessionUrl}/consent`)};
  var context = ${scriptSafeJson(context)};
  var supported = ${scriptSafeJson(SUPPORTED_BRIDGE_CALLS)};
  var hostTheme = ${scriptSafeJson(theme)};
  var themeSheets = ${scriptSafeJson(THEME_SHEETS)};
  var closable = ${scriptSafeJson(MODAL_MODULE_TYPES)}.indexOf(context.extension && context.extension.type) !== -1;
  // What router.navigate/open asked the host to open, for tests: the host page itself is not here to navigate.
  window.__forgeBridgeNavigations = [];

  function bridgeError(message) {
    var error = new Error(message);
    error.name = 'BridgeAPIError';
    return error;
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  // The host's consent prompt. Built with DOM calls, not markup, so the page's strict CSP allows it.
  function askForConsent() {
    return new Promise(function (resolve, reject) {
      var dialog = element('div');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-labelledby', 'forge-bridge-consent-title');
      var title = element('h2', 'Allow this app to access Bitbucket as you?');
      title.id = 'forge-bridge-consent-title';
      var text = element('p', 'The app asks to read Bitbucket with your permissions. (Local stand-in for the ' +
        'consent prompt Bitbucket shows the first time an app acts as you.)');
      var allow = element('button', 'Allow access');
      var cancel = element('button', 'Cancel');
      allow.type = cancel.type = 'button';
      dialog.append(title, text, allow, cancel);
      document.body.prepend(dialog);
      cancel.addEventListener('click', function () {
        dialog.remove();
        reject(bridgeError('Access was not allowed: the app cannot act as you until you allow it.'));
      });
      allow.addEventListener('click', function () {
        allow.disabled = true;
        fetch(consentUrl, { method: 'POST' })
          .then(function (response) { return response.json(); })
          .then(function (answer) {
            if (!answer || answer.ok !== true) throw bridgeError((answer && answer.error) || 'consent failed');
            // Forge re-initialises the app once access is allowed.
            window.location.reload();
            resolve(new Promise(function () {}));
          })
          .catch(function (error) {
            dialog.remove();
            reject(error && error.name === 'BridgeAPIError' ? error : bridgeError(String(error)));
          });
      });
    });
  }

  function invoke(request) {
    var body = JSON.stringify({ functionKey: request && request.functionKey, payload: request && request.payload });
    return fetch(invokeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body })
      .then(function (response) {
        return response.json().catch(function () {
          throw bridgeError('invoke: the local bridge answered HTTP ' + response.status + ' without JSON');
        });
      })
      .then(function (answer) {
        if (answer && answer.needsConsent === true) return askForConsent();
        if (!answer || answer.ok !== true) {
          var message = (answer && answer.error) || 'the resolver failed without a message';
          console.error('[forge-bridge] invoke(' + JSON.stringify(request && request.functionKey) + ') failed: ' + message);
          throw bridgeError(message);
        }
        // @forge/bridge: with metadata the response is wrapped as { body, metadata }, otherwise it is the value.
        return request && request.metadata ? { body: answer.value, metadata: {} } : answer.value;
      });
  }

  // view.theme.enable(): the host applies its theme as @atlaskit/tokens' setGlobalTheme does (data-theme and
  // data-color-mode on <html>, one token sheet per theme id), with <link>s to this server so the page's CSP holds.
  function enableTheming() {
    var html = document.documentElement;
    html.setAttribute('data-theme', themeSheets.map(function (id) { return id + ':' + id; }).join(' '));
    html.setAttribute('data-color-mode', hostTheme.colorMode);
    context.theme = hostTheme;
    return Promise.all(themeSheets.map(function (id) {
      var href = '/__bridge/themes/' + id + '.css';
      if (document.head.querySelector('link[href="' + href + '"]')) return Promise.resolve();
      return new Promise(function (resolve, reject) {
        var link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        link.onload = function () { resolve(); };
        link.onerror = function () { reject(bridgeError('enableTheming: the theme sheet ' + href + ' did not load')); };
        document.head.appendChild(link);
      });
    })).then(function () { return undefined; });
  }

  // router.navigate / router.open: a relative URL (/workspace/repo/…) opens in Bitbucket without asking; another
  // site would get Forge's "you are leaving" prompt. Anything but http(s) or a path is refused, as a host would.
  function navigate(location) {
    var url = location && location.url;
    if (typeof url !== 'string' || url === '') {
      return Promise.reject(bridgeError('navigate: the location has no url'));
    }
    var relative = url.charAt(0) === '/' && url.charAt(1) !== '/';
    if (!relative && !/^https?:[/][/]/i.test(url)) {
      return Promise.reject(bridgeError('navigate: only http(s) URLs and paths can be opened, not ' + url));
    }
    window.__forgeBridgeNavigations.push({ url: url, type: location.type, external: !relative });
    return Promise.resolve();
  }

  // view.close(): Bitbucket removes a dialog's iframe; other views answer false, which @forge/bridge turns into
  // "this resource's view is not closable". Locally the page is hidden and marked closed.
  function close() {
    if (!closable) return Promise.resolve(false);
    document.documentElement.setAttribute('data-forge-bridge-closed', 'true');
    document.body.hidden = true;
    return Promise.resolve(true);
  }

  window.__bridge = {
    callBridge: function (name, payload) {
      switch (name) {
        case 'getContext':
          return Promise.resolve(JSON.parse(JSON.stringify(context)));
        case 'invoke':
          return invoke(payload);
        case 'changeWindowTitle':
          document.title = String(payload);
          return Promise.resolve();
        case 'enableTheming':
          return enableTheming();
        case 'emitReadyEvent':
          return Promise.resolve();
        case 'navigate':
          return navigate(payload);
        case 'close':
          return close();
        default:
          var message = 'The Lintel local bridge does not support the bridge call "' + name +
            '" (supported: ' + supported.join(', ') + ').';
          console.error('[forge-bridge] ' + message);
          return Promise.reject(bridgeError(message));
      }
    }
  };
})();
`;
}
