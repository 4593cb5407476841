/**
 * Node's global `Buffer` for the browser build (esbuild injects this where the code names it).
 * `buffer/` with the slash names the npm package, never Node's built-in module.
 */
export { Buffer } from 'buffer/';
