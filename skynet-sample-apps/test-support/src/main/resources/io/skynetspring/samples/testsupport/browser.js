// What browser test scripts share (copied next to them by Browser.java): Chromium launched the one
// way the tests use it, and the line protocol with the Java test (step / until / result).
const { chromium } = require('playwright-core');
const readline = require('readline');

const input = readline.createInterface({ input: process.stdin });
const heard = [];
const waiting = [];
input.on('line', (line) => {
  const i = waiting.findIndex((w) => w.line === line);
  if (i >= 0) { waiting.splice(i, 1)[0].resolve(); } else { heard.push(line); }
});

/** Debian's Chromium, headless, with the flags Browser.FLAGS lists. */
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: (process.env.CHROMIUM_FLAGS || '').split(' ').filter(Boolean),
  });
}

/** Tells the Java test that the script reached a point (BrowserScript.await). */
function step(name) { console.log('step ' + name); }

/** Resolves once the Java test sends this line (BrowserScript.tell). */
function until(line) {
  const i = heard.indexOf(line);
  if (i >= 0) { heard.splice(i, 1); return Promise.resolve(); }
  return new Promise((resolve) => waiting.push({ line, resolve }));
}

/** The script's answer: one JSON line; then it exits. */
function result(value) {
  console.log('result ' + JSON.stringify(value));
  input.close();
}

/** Runs main(), printing a failure and exiting 1 if it throws; a deadline stops a script that hangs. */
function run(main, seconds = 60) {
  setTimeout(() => { console.log('failed: no result within ' + seconds + ' s'); process.exit(1); }, seconds * 1000).unref();
  main().then(() => process.exit(0), (e) => { console.log('failed: ' + (e && e.stack || e)); process.exit(1); });
}

module.exports = { launch, step, until, result, run };
