// Loaded with `node --require` in the no-network test: any attempt to load a network module records and fails.
const Module = require('node:module');
const fs = require('node:fs');
const NETWORK = new Set(['net', 'http', 'https', 'http2', 'dns', 'tls', 'dgram']);
const original = Module._load;
Module._load = function (request, _parent, _isMain) {
  const name = String(request).replace(/^node:/, '');
  if (NETWORK.has(name)) {
    fs.appendFileSync(process.env.CORRESP_NETWORK_LOG, `${name}\n`);
    throw new Error(`network module ${name} loaded`);
  }
  return original.apply(this, arguments);
};
