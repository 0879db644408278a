// Starts the SPA. A file rather than an inline script, so the Content-Security-Policy can forbid
// inline scripts altogether.
import init from '/ocop.js';
init({ module_or_path: '/ocop_bg.wasm' });
