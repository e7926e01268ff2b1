// The chat page: one WebSocket to /chat (README, "Protocol"). Text from the server is only ever put
// into the page with textContent, so a message or nick with markup shows as text.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat';
  var socket = null;
  var delay = 500;                 // reconnect back-off: 0.5 s doubling to 5 s
  var wanted = null;               // {room, nick} the user joined; re-joined after a reconnect
  var current = null;              // the room the server says we are in
  var started = null;              // the room service's start time: another one means its history is new
  var keepAlive = null;

  function status(text) {
    $('status').textContent = text;
    $('status').className = text;
  }

  function connect() {
    socket = new WebSocket(url);
    socket.onopen = function () {
      delay = 500;
      status('connected');
      if (wanted) { send({ type: 'join', room: wanted.room, nick: wanted.nick }); }
    };
    socket.onmessage = function (e) {
      var f;
      try { f = JSON.parse(e.data); } catch (x) { return; }
      receive(f);
    };
    socket.onclose = function () {
      status('reconnecting');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function receive(f) {
    if (f.type === 'error') {
      $('error').textContent = f.message;
      return;
    }
    if (f.type === 'joined') {
      $('error').textContent = '';
      if (current !== f.room || started !== f.started) {
        clearMessages();           // another room, or the server restarted and the room began anew
        if (current === f.room) { addPresence('the server restarted; the room starts anew'); }
      }
      current = f.room;
      started = f.started;
      wanted = { room: f.room, nick: f.nick };
      $('nick').value = f.nick;
      f.history.forEach(function (line) { addLine(line); });
      showOnline(f.online);
      return;
    }
    if (f.room !== current) { return; }   // a late frame of the room we left
    if (f.type === 'message') {
      addLine(f);
    } else if (f.type === 'presence') {
      if (f.event === 'nick') {
        addPresence(f.old + ' is now ' + f.nick);
        if (wanted && f.old === wanted.nick) { wanted.nick = f.nick; }
      } else {
        addPresence(f.nick + (f.event === 'join' ? ' joined' : ' left'));
      }
      showOnline(f.online);
    } else if (f.type === 'who') {
      showOnline(f.online);
    }
  }

  function clearMessages() {
    var list = $('messages');
    while (list.firstChild) { list.removeChild(list.firstChild); }
  }

  function addLine(line) {
    var list = $('messages');
    if (list.querySelector('li.message[data-seq="' + line.seq + '"]')) { return; }   // shown before the reconnect
    var li = document.createElement('li');
    li.className = 'message';
    li.setAttribute('data-seq', String(line.seq));
    li.title = new Date(line.ts).toLocaleTimeString();
    var nick = document.createElement('span');
    nick.className = 'nick';
    nick.textContent = line.nick;
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = line.text;
    li.appendChild(nick);
    li.appendChild(text);
    append(li);
  }

  function addPresence(text) {
    var li = document.createElement('li');
    li.className = 'presence';
    li.textContent = text;
    append(li);
  }

  function append(li) {
    var list = $('messages');
    var atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.appendChild(li);
    if (atEnd) { list.scrollTop = list.scrollHeight; }
  }

  function showOnline(nicks) {
    var list = $('online');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    nicks.forEach(function (n) {
      var li = document.createElement('li');
      li.textContent = n;
      list.appendChild(li);
    });
  }

  $('login').addEventListener('submit', function (e) {
    e.preventDefault();
    var nick = $('nick').value.trim();
    var room = $('room').value.trim() || 'lobby';
    if (wanted && current === room && wanted.nick !== nick) {
      send({ type: 'nick', nick: nick });
    } else {
      send({ type: 'join', room: room, nick: nick });
    }
  });

  $('say').addEventListener('submit', function (e) {
    e.preventDefault();                // Enter in #text submits this form too
    var text = $('text').value;
    if (text.trim() && send({ type: 'say', text: text })) {
      $('text').value = '';
    }
  });

  // the server closes a WebSocket silent for 2 minutes; a who now and then keeps the list fresh and the socket open
  keepAlive = setInterval(function () { if (current) { send({ type: 'who' }); } }, 60000);

  connect();
})();
