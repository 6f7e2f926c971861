import { createServer } from 'node:http';

/**
 * Raw twin of GET /healthz: plain node:http answering the same JSON body, with no framework,
 * routing or middleware. Prints its port once listening.
 */
const body = JSON.stringify({ status: 'ok' });
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
