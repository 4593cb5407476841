/** Node's global `Buffer` for the browser build (esbuild injects this where the code names it). */
export { Buffer } from 'buffer';
