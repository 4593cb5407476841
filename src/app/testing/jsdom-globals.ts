/**
 * What jsdom leaves out of a browser's globals and the boxes' WPE WebKit has: TextEncoder (the QR
 * encoder makes one when it loads). Node's is the same API. Set before each unit test file.
 */
import { TextDecoder, TextEncoder } from 'node:util';

const scope = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
scope.TextEncoder ??= TextEncoder;
scope.TextDecoder ??= TextDecoder;
