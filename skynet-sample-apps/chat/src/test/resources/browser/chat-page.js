// The chat page in Chromium, for ChatPageTest: node chat-page.js SCENARIO URL ROOM SCREENSHOT_DIR
// Scenarios: two-pages, markup, restart. Prints `result {...}` with what the pages show.
const path = require('path');
const { launch, step, until, result, run } = require('./browser');

const [scenario, url, room, shots] = process.argv.slice(2);
const WAIT = { timeout: 30000 };

async function open(browser, nick) {
  const context = await browser.newContext({ viewport: { width: 820, height: 520 } });
  const page = await context.newPage();
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
      alice: await lines(alice),
      bob: await lines(bob),
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
