/**
 * The script installed in the page after each navigation: console calls, uncaught errors and
 * unhandled rejections into `window.__e2eLog`, since WPE has no WebDriver log endpoint. Running it
 * twice installs it once.
 */
export function pageLogScript(options: {
  /** An error is logged with its stack, not only its name and message. */
  stacks: boolean;
  /** CSP violations are logged too; those before the script runs show only in the browser's output. */
  cspViolations: boolean;
}): string {
  const stack = options.stacks ? " + ' ' + String(value.stack)" : '';
  const csp = options.cspViolations
    ? `
  document.addEventListener('securitypolicyviolation', function (e) {
    push('csp', [e.violatedDirective + ' blocked ' + e.blockedURI + ' (' + e.sourceFile + ':' + e.lineNumber + ')']);
  });`
    : '';
  return `
if (!window.__e2eLog) {
  var record = window.__e2eLog = [];
  var text = function (value) {
    if (value && value.stack) return String(value.name) + ': ' + String(value.message)${stack};
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch (e) { return String(value); }
  };
  var push = function (level, values) { record.push(level + ' ' + Array.prototype.map.call(values, text).join(' ')); };
  ['log', 'info', 'warn', 'error'].forEach(function (level) {
    var original = console[level];
    console[level] = function () { push(level, arguments); return original.apply(console, arguments); };
  });
  window.addEventListener('error', function (e) { push('uncaught', [e.error || e.message]); });
  window.addEventListener('unhandledrejection', function (e) { push('unhandledrejection', [e.reason]); });${csp}
}`;
}
