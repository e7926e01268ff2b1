// skynet live console: a read-only view of the node's services, fed by Server-Sent Events.
// Everything from the server goes into the page through textContent, never as markup.
(function () {
  'use strict';

  const base = location.pathname.replace(/\/+$/, '');
  const HISTORY_MS = 5 * 60 * 1000;
  const HISTORY_POINTS = 1000; // bound even if snapshots come faster than once a second

  // column key -> how to read it from a service row of the snapshot
  const columns = {
    address: s => s.address,
    template: s => s.template,
    names: s => (s.names || []).join(' '),
    mailbox: s => s.mailbox,
    messages: s => s.messages,
    rate: s => s.rate,
    time: s => s.handlerMillis,
    load: s => s.load,
    errors: s => s.errors,
    calls: s => s.pendingCalls,
    replies: s => s.openReplies,
    sockets: s => s.sockets
  };
  const shown = {
    rate: v => v.toFixed(1),
    time: v => v.toFixed(1),
    load: v => (v < 0.1 ? (v * 100).toFixed(1) : Math.round(v * 100)) + '%'
  };

  const table = document.getElementById('services');
  const body = table.tBodies[0];
  const rows = new Map(); // address -> tr
  const history = [];     // {t, rate}
  let sortKey = 'rate';
  let sortDescending = true;
  let latest = null;

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function rowFor(address) {
    let tr = rows.get(address);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.address = address;
      for (const key of Object.keys(columns)) {
        const td = document.createElement('td');
        td.className = key;
        tr.appendChild(td);
      }
      rows.set(address, tr);
    }
    return tr;
  }

  function fill(tr, service) {
    for (const td of tr.cells) {
      const key = td.className.split(' ')[0];
      const value = columns[key](service);
      const out = shown[key] && typeof value === 'number' ? shown[key](value) : String(value);
      if (td.textContent !== out) {
        td.textContent = out;
      }
      td.dataset.value = typeof value === 'number' ? String(value) : out;
    }
    tr.querySelector('td.errors').classList.toggle('bad', service.errors > 0);
    tr.querySelector('td.mailbox').classList.toggle('bad', service.mailbox > 100);
  }

  function compare(a, b) {
    const get = columns[sortKey];
    const x = get(a), y = get(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (sortDescending ? -c : c) || a.address.localeCompare(b.address);
  }

  function render() {
    if (!latest) {
      return;
    }
    const services = latest.services.slice().sort(compare);
    const alive = new Set();
    for (const s of services) {
      alive.add(s.address);
      const tr = rowFor(s.address);
      fill(tr, s);
      body.appendChild(tr); // moves an existing row into sorted order
    }
    for (const [address, tr] of rows) {
      if (!alive.has(address)) {
        tr.remove();
        rows.delete(address);
      }
    }
    for (const th of table.tHead.rows[0].cells) {
      if (th.dataset.sort === sortKey) {
        th.setAttribute('aria-sort', sortDescending ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
    }
  }

  function show(snapshot) {
    latest = snapshot;
    const t = snapshot.totals;
    text('node', 'node ' + snapshot.node);
    const updated = document.getElementById('updated');
    updated.textContent = new Date(snapshot.time).toLocaleTimeString();
    updated.dateTime = new Date(snapshot.time).toISOString();
    updated.dataset.time = String(snapshot.time);
    text('totals', t.services + ' services, ' + t.messages + ' messages, ' + t.rate.toFixed(1) + ' msg/s, '
      + t.sockets + ' sockets');
    const notes = [];
    if (t.listed < t.services) {
      notes.push('showing the ' + t.listed + ' busiest of ' + t.services + ' services');
    }
    if (!snapshot.profile) {
      notes.push('handler times need skynet.profile=true');
    }
    text('notice', notes.join('; '));
    history.push({t: snapshot.time, rate: t.rate});
    while (history.length > HISTORY_POINTS || (history.length && history[0].t < snapshot.time - HISTORY_MS)) {
      history.shift();
    }
    render();
    draw();
  }

  function draw() {
    const canvas = document.getElementById('rate-chart');
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width;
    const height = canvas.clientHeight || canvas.height;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const pad = 4;
    const max = Math.max(1, ...history.map(p => p.rate));
    text('chart-max', '(peak ' + max.toFixed(1) + ')');
    g.strokeStyle = '#eee';
    g.lineWidth = 1;
    for (let i = 1; i < 4; i++) {
      const y = pad + (height - 2 * pad) * i / 4;
      g.beginPath();
      g.moveTo(0, y);
      g.lineTo(width, y);
      g.stroke();
    }
    if (history.length < 2) {
      return;
    }
    const end = history[history.length - 1].t;
    const x = t => width - (end - t) / HISTORY_MS * width;
    const y = r => height - pad - r / max * (height - 2 * pad);
    g.beginPath();
    g.moveTo(x(history[0].t), y(history[0].rate));
    for (const p of history) {
      g.lineTo(x(p.t), y(p.rate));
    }
    g.strokeStyle = '#2563eb';
    g.lineWidth = 2;
    g.stroke();
  }

  for (const th of table.tHead.rows[0].cells) {
    th.addEventListener('click', () => {
      const key = th.dataset.sort;
      sortDescending = key === sortKey ? !sortDescending : !['address', 'template', 'names'].includes(key);
      sortKey = key;
      render();
    });
  }

  // EventSource retries by itself after a dropped stream; a refusal (503) or any non-200 answer
  // closes it for good, so then we poll one snapshot and open a new one with back-off.
  let retryMs = 1000;
  function connect() {
    const status = document.getElementById('status');
    const events = new EventSource(base + '/stream');
    events.addEventListener('open', () => {
      retryMs = 1000;
      status.textContent = 'live';
      status.className = 'live';
    });
    events.addEventListener('snapshot', e => {
      try {
        show(JSON.parse(e.data));
      } catch (err) {
        console.warn('skynet console: bad snapshot', err);
      }
    });
    events.addEventListener('error', () => {
      status.textContent = 'reconnecting';
      status.className = 'reconnecting';
      if (events.readyState === EventSource.CLOSED) {
        // refused (all streams taken) or failed: show one snapshot meanwhile, then try again
        fetch(base + '/snapshot', {cache: 'no-store'})
          .then(r => r.ok ? r.json() : null)
          .then(s => s && show(s))
          .catch(() => {});
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 15000);
      }
    });
  }

  window.addEventListener('resize', draw);
  connect();
})();
