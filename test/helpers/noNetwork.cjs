// Preloaded (node -r) into the server or the CLI by the tests: any attempt to reach the network fails loudly.
const net = require('node:net');
const dns = require('node:dns');
const refuse = (what) => () => { process.stderr.write(`NETWORK ATTEMPT: ${what}\n`); throw new Error(`network access attempted: ${what}`); };
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('socket.connect');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
globalThis.fetch = refuse('fetch');
