// Drives the echo service with npm's ws package; prints one line per event for the Java test.
const path = require('path');
const WebSocket = require(path.join(__dirname, 'node_modules', 'ws'));

const ws = new WebSocket(process.argv[2]);
const fail = (why) => { console.log('failed ' + why); process.exit(1); };
setTimeout(() => fail('timeout'), 20000).unref();

let step = 0;
ws.on('open', () => {
  console.log('open');
  ws.send('hello from node');
});
ws.on('message', (data, isBinary) => {
  if (step === 0) {
    console.log('text ' + data.toString());
    step = 1;
    ws.send(Buffer.from([1, 2, 3, 250]), { binary: true });
  } else if (step === 1) {
    console.log((isBinary ? 'binary ' : 'text ') + Array.from(data).join(','));
    step = 2;
    ws.ping(Buffer.from('node'));
  } else {
    fail('unexpected message ' + data);
  }
});
ws.on('pong', (data) => {
  console.log('pong ' + data.length);
  ws.close(4000, 'node done');
});
ws.on('close', (code, reason) => {
  console.log('close ' + code + ' ' + reason.toString());
  process.exit(0);
});
ws.on('error', (e) => fail(e.message));
