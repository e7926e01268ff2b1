// The chat page in Chromium, for ChatPageTest: node chat-page.js SCENARIO URL ROOM SCREENSHOT_DIR
// Scenarios: two-pages, markup, drop, restart, console. Prints `result {...}` with what the pages show.
const path = require('path');
const { launch, step, until, result, run } = require('./browser');

const [scenario, url, room, shots] = process.argv.slice(2);
const WAIT = { timeout: 30000 };

async function open(browser, nick, sockets) {
  const context = await browser.newContext({ viewport: { width: 820, height: 520 } });
  const page = await context.newPage();
  if (sockets) {                       // pass the page's WebSockets through a route the script can cut
    await page.routeWebSocket(/\/chat$/, (ws) => { sockets.push(ws.connectToServer()); });
  }
  page.on('console', (m) => console.log('[' + nick + ' console] ' + m.text()));
  page.on('pageerror', (e) => console.log('[' + nick + ' error] ' + e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'connected', null, WAIT);
  return page;
}

async function join(page, nick) {
  await page.fill('#nick', nick);
  await page.fill('#room', room);
  await page.click('#join');
}

async function online(page, nicks) {
  await page.waitForFunction((want) => {
    const have = Array.from(document.querySelectorAll('#online li')).map((li) => li.textContent);
    return want.every((n) => have.includes(n));
  }, nicks, WAIT);
}

async function lines(page) {
  return page.$$eval('#messages li.message', (els) => els.map((li) => ({
    seq: Number(li.getAttribute('data-seq')),
    nick: li.querySelector('.nick').textContent,
    text: li.querySelector('.text').textContent,
  })));
}

async function shows(page, text) {
  await page.waitForFunction((t) => Array.from(document.querySelectorAll('#messages li.message .text'))
    .some((s) => s.textContent === t), text, WAIT);
}

async function say(page, text, enter) {
  await page.fill('#text', text);
  if (enter) { await page.press('#text', 'Enter'); } else { await page.click('#send'); }
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(shots, name + '.png') });
}

const scenarios = {
  'two-pages': async (browser) => {
    const alice = await open(browser, 'alice');
    const bob = await open(browser, 'bob');
    await join(alice, 'alice');
    await online(alice, ['alice']);
    await join(bob, 'bob');
    await online(alice, ['alice', 'bob']);
    await online(bob, ['alice', 'bob']);
    await say(alice, 'Hello Bob, this room is a skynet service.', true);
    await say(bob, 'Hi Alice! And each message is one in its mailbox.', false);
    await say(alice, 'Both of us see them in the same order.', true);
    for (const p of [alice, bob]) { await shows(p, 'Both of us see them in the same order.'); }
    await shoot(alice, 'chat-two-pages-alice');
    await shoot(bob, 'chat-two-pages-bob');
    result({
      alice: await lines(alice),
      bob: await lines(bob),
      presence: await alice.$$eval('#messages li.presence', (els) => els.map((li) => li.textContent)),
      textCleared: await alice.inputValue('#text'),
    });
  },

  markup: async (browser) => {
    const page = await open(browser, 'mallory');
    await join(page, '<b>bold</b>');
    await page.waitForFunction(() => document.getElementById('error').textContent !== '', null, WAIT);
    const refusedNick = await page.textContent('#error');
    await join(page, 'mallory');
    await online(page, ['mallory']);
    const script = '<script>window.pwned=1</script>';
    const img = '<img src=x onerror="window.pwned=2"><b>not bold</b>';
    await say(page, script, true);
    await say(page, img, true);
    await page.waitForFunction(() => document.querySelectorAll('#messages li.message').length === 2, null, WAIT);
    await shoot(page, 'chat-markup');
    result({
      refusedNick,
      pwned: await page.evaluate(() => typeof window.pwned),
      texts: await page.$$eval('#messages li.message', (els) => els.map((li) => li.textContent)),
      elements: await page.$$eval('#messages script, #messages img, #messages b, #online b', (els) => els.length),
    });
  },

  drop: async (browser) => {
    const sockets = [];
    const alice = await open(browser, 'alice', sockets);
    const bob = await open(browser, 'bob');
    await join(alice, 'alice');
    await join(bob, 'bob');
    await online(alice, ['alice', 'bob']);
    await say(bob, 'one', true);
    await say(alice, 'two', true);
    await shows(alice, 'two');
    await sockets[sockets.length - 1].close({ code: 4000, reason: 'the test cut the line' });
    await alice.waitForFunction(() => document.getElementById('status').textContent === 'reconnecting', null, WAIT);
    await alice.waitForFunction(() => document.getElementById('status').textContent === 'connected', null, WAIT);
    await online(bob, ['alice', 'bob']);
    await say(bob, 'three', true);
    await shows(alice, 'three');
    await shoot(alice, 'chat-drop-alice');
    result({ sockets: sockets.length, alice: await lines(alice), bob: await lines(bob) });
  },

  restart: async (browser) => {
    const alice = await open(browser, 'alice');
    const bob = await open(browser, 'bob');
    await join(alice, 'alice');
    await join(bob, 'bob');
    await online(alice, ['alice', 'bob']);
    await online(bob, ['alice', 'bob']);
    await say(alice, 'before the restart', true);
    await shows(bob, 'before the restart');
    step('chatting');
    await until('stopped');
    for (const p of [alice, bob]) {
      await p.waitForFunction(() => document.getElementById('status').textContent === 'reconnecting', null, WAIT);
    }
    await shoot(alice, 'chat-restart-reconnecting');
    step('reconnecting');
    await until('started');
    for (const p of [alice, bob]) {
      await p.waitForFunction(() => document.getElementById('status').textContent === 'connected', null, WAIT);
      await online(p, ['alice', 'bob']);
    }
    await say(alice, 'after the restart', true);
    await shows(bob, 'after the restart');
    await say(bob, 'welcome back', true);
    for (const p of [alice, bob]) { await shows(p, 'welcome back'); }
    await shoot(alice, 'chat-restart-alice');
    await shoot(bob, 'chat-restart-bob');
    result({
      status: [await alice.textContent('#status'), await bob.textContent('#status')],
      notices: await alice.$$eval('#messages li.presence', (els) => els.map((li) => li.textContent)),
      alice: await lines(alice),
      bob: await lines(bob),
    });
  },

  // ROOM's service in the live console page, and its message count while two pages chat
  console: async (browser) => {
    const base = new URL(url);
    const context = await browser.newContext({ viewport: { width: 1100, height: 560 } });
    const consolePage = await context.newPage();
    consolePage.on('pageerror', (e) => console.log('[console error] ' + e.message));
    const alice = await open(browser, 'alice');
    const bob = await open(browser, 'bob');
    await join(alice, 'alice');
    await join(bob, 'bob');
    await online(alice, ['alice', 'bob']);
    await consolePage.goto(new URL('/actuator/skynet-console', base).toString());
    const roomCount = async () => consolePage.$$eval('table#services tr[data-address]', (rows) => rows
      .filter((tr) => tr.querySelector('td.template').textContent === 'room')
      .map((tr) => Number(tr.querySelector('td.messages').textContent.replace(/[^0-9]/g, ''))));
    await consolePage.waitForFunction(() => Array.from(document.querySelectorAll('table#services tr[data-address]'))
      .some((tr) => tr.querySelector('td.template').textContent === 'room'), null, WAIT);
    const before = await roomCount();
    for (let i = 1; i <= 5; i++) { await say(i % 2 ? alice : bob, 'line ' + i, true); }
    await shows(alice, 'line 5');
    await consolePage.waitForFunction((b) => {
      const counts = Array.from(document.querySelectorAll('table#services tr[data-address]'))
        .filter((tr) => tr.querySelector('td.template').textContent === 'room')
        .map((tr) => Number(tr.querySelector('td.messages').textContent.replace(/[^0-9]/g, '')));
      return counts.length === b.length && counts.some((c, i) => c >= b[i] + 5);
    }, before, WAIT);
    await shoot(consolePage, 'console');
    result({
      before,
      after: await roomCount(),
      templates: await consolePage.$$eval('table#services td.template', (tds) => tds.map((td) => td.textContent)),
      chart: await consolePage.$$eval('canvas#rate-chart', (c) => c.length),
      updated: await consolePage.textContent('#updated'),
    });
  },
};

run(async () => {
  const browser = await launch();
  try {
    await scenarios[scenario](browser);
  } finally {
    await browser.close();
  }
}, 90);
