/*
 * The browser script of the student check-in page (GET /check-in), served by
 * CheckInPageController at /assets/check-in.js. It is a file of its own because the
 * Content-Security-Policy allows scripts from this origin only, never inline.
 *
 * It signs the student in when this tab holds no token (the token stays in sessionStorage),
 * checks in with the code, and explains the answer in Chinese from the API's error `code`.
 * Written as ES5 with XMLHttpRequest and no build step, so that the old browsers of cheap
 * Android phones run it; it writes to the page only through `textContent`.
 *
 * The build copies this file unchanged into dist (nest-cli.json "assets").
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'lms.checkIn.token';
  var NAME_KEY = 'lms.checkIn.name';
  /* Dormitory Wi-Fi can be slow; after this the student may simply try again (a repeated check-in changes nothing). */
  var TIMEOUT_MS = 20000;
  /* The base is in China: times are shown in UTC+8 whatever the phone's settings. */
  var BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

  var form = document.getElementById('check-in-form');
  if (!form) return;
  var sessionId = form.getAttribute('data-session') || '';
  var codeInput = document.getElementById('code');
  var loginBox = document.getElementById('login');
  var usernameInput = document.getElementById('username');
  var passwordInput = document.getElementById('password');
  var accountBox = document.getElementById('account');
  var accountName = document.getElementById('account-name');
  var switchButton = document.getElementById('switch-account');
  var submitButton = document.getElementById('submit');
  var loading = document.getElementById('loading');
  var result = document.getElementById('result');
  var resultTitle = document.getElementById('result-title');
  var resultDetail = document.getElementById('result-detail');
  var submitLabel = submitButton.textContent;
  var busy = false;

  /* sessionStorage can be missing or throw (private mode, storage switched off): then the token lives as long as the page. */
  var memory = {};
  function storage() {
    try {
      return window.sessionStorage || null;
    } catch (e) {
      return null;
    }
  }
  function load(key) {
    var s = storage();
    var value = null;
    try {
      if (s) value = s.getItem(key);
    } catch (e) {
      value = null;
    }
    if (value === null && Object.prototype.hasOwnProperty.call(memory, key)) value = memory[key];
    return value;
  }
  function save(key, value) {
    var s = storage();
    memory[key] = value;
    try {
      if (s) s.setItem(key, value);
    } catch (e) {
      /* memory keeps it */
    }
  }
  function drop(key) {
    var s = storage();
    delete memory[key];
    try {
      if (s) s.removeItem(key);
    } catch (e) {
      /* nothing else to drop */
    }
  }

  function showAccount() {
    var token = load(TOKEN_KEY);
    loginBox.hidden = !!token;
    accountBox.hidden = !token;
    accountName.textContent = token ? load(NAME_KEY) || '' : '';
  }

  function signOut() {
    drop(TOKEN_KEY);
    drop(NAME_KEY);
    showAccount();
  }

  function show(kind, title, detail) {
    result.className = 'result ' + kind;
    resultTitle.textContent = title;
    resultDetail.textContent = detail || '';
    result.hidden = false;
  }

  function setBusy(label) {
    busy = !!label;
    submitButton.disabled = busy;
    submitButton.textContent = label || submitLabel;
  }

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function beijingTime(iso) {
    var ms = Date.parse(iso);
    if (isNaN(ms)) return '';
    var d = new Date(ms + BEIJING_OFFSET_MS);
    return d.getUTCMonth() + 1 + '月' + d.getUTCDate() + '日 ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }

  function retryText(seconds) {
    var s = Number(seconds);
    if (!(s > 0)) return '请过一会儿再试。';
    if (s < 60) return '请 ' + Math.ceil(s) + ' 秒后再试。';
    return '请 ' + Math.ceil(s / 60) + ' 分钟后再试。';
  }

  /* POSTs JSON; done(status, body) gets status 0 when the network failed or timed out. */
  function post(path, body, token, done) {
    var xhr = new XMLHttpRequest();
    var finished = false;
    function finish(status, data) {
      if (finished) return;
      finished = true;
      done(status, data);
    }
    xhr.open('POST', path, true);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    xhr.timeout = TIMEOUT_MS;
    xhr.onload = function () {
      var data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      finish(xhr.status, data && typeof data === 'object' ? data : {});
    };
    xhr.onerror = function () {
      finish(0, { code: 'NETWORK_ERROR' });
    };
    xhr.ontimeout = function () {
      finish(0, { code: 'TIMEOUT' });
    };
    xhr.send(JSON.stringify(body));
  }

  /* What every request may run into: the network, a timeout, the server. */
  function commonFailure(status, data) {
    if (data.code === 'TIMEOUT') return ['网络较慢，请求超时', '请检查网络后再点一次“签到”，重复签到不会重复记录。'];
    if (status === 0) return ['网络连接失败', '请确认手机已连上网络，然后再试一次。'];
    if (status >= 500) return ['服务器暂时不可用', '请稍后再试，或联系讲师。'];
    return null;
  }

  function loginFailure(status, data) {
    switch (data.code) {
      case 'INVALID_CREDENTIALS':
        return ['用户名或密码错误', '请检查后重新输入。'];
      case 'ACCOUNT_DISABLED':
        return ['账号已停用', '请联系管理员。'];
      case 'LOGIN_THROTTLED':
        return ['登录失败次数过多', retryText(data.retryAfterSeconds)];
      case 'VALIDATION_FAILED':
        return ['请填写用户名和密码', ''];
    }
    return commonFailure(status, data) || ['登录失败', '请稍后再试。'];
  }

  function checkInFailure(status, data) {
    switch (data.code) {
      case 'CHECK_IN_CODE_WRONG':
      case 'CHECK_IN_CODE_EXPIRED':
        return ['签到码错误或已过期', '请输入课堂屏幕上当前显示的 6 位签到码。'];
      case 'CHECK_IN_CODE_MALFORMED':
      case 'VALIDATION_FAILED':
        return ['签到码格式不对', '签到码是课堂屏幕上的 6 位数字。'];
      case 'OUTSIDE_SESSION_WINDOW': {
        var opens = beijingTime(data.opensAt);
        var closes = beijingTime(data.closesAt);
        return ['不在签到时间', opens && closes ? '本节课的签到时间是 ' + opens + ' 至 ' + closes + '。' : ''];
      }
      case 'CHECK_IN_NOT_OPEN':
        return ['签到未开放', '讲师还没有开启签到，或已经关闭签到。'];
      case 'NOT_ENROLLED':
        return ['未选该课程', '你没有选这门课，不能签到。如有疑问请联系讲师。'];
      case 'CHECK_IN_THROTTLED':
        return ['尝试次数过多，请稍后再试', '签到码输错次数太多。' + retryText(data.retryAfterSeconds)];
      case 'ATTENDANCE_SET_BY_TRAINER':
        return ['讲师已登记你的考勤', '本节课的考勤已由讲师登记，如需更正请联系讲师。'];
      case 'CLASS_SESSION_NOT_FOUND':
        return ['找不到这节课', '请重新扫描课堂屏幕上的二维码。'];
      case 'PASSWORD_CHANGE_REQUIRED':
        return ['请先修改初始密码', '你的账号还在使用管理员发放的初始密码。请先登录学习平台修改密码，再回来签到。'];
    }
    return commonFailure(status, data) || ['签到失败', '请稍后再试，或联系讲师。'];
  }

  function checkedIn(data) {
    var late = data.status === 'late';
    if (data.alreadyCheckedIn) {
      show('ok', '已签到', '你已经签到过了' + (late ? '（记为迟到）' : '') + '，不用重复签到。');
    } else if (late) {
      show('warn', '签到成功（迟到）', '本节课记为迟到，学时照常计入。');
    } else {
      show('ok', '签到成功', '本节课记为出勤。');
    }
  }

  function checkIn(token) {
    setBusy('正在签到…');
    var path = '/api/class-sessions/' + encodeURIComponent(sessionId) + '/check-in';
    post(path, { code: codeInput.value }, token, function (status, data) {
      setBusy('');
      if (status === 200) {
        checkedIn(data);
        return;
      }
      if (status === 401) {
        signOut();
        show('error', '登录已过期', '请重新输入用户名和密码，再点“签到”。');
        usernameInput.focus();
        return;
      }
      if (status === 403 && data.code === 'FORBIDDEN') {
        signOut();
        show('error', '请使用学员账号签到', '当前账号不是学员账号，请换学员账号登录。');
        usernameInput.focus();
        return;
      }
      var failure = checkInFailure(status, data);
      show('error', failure[0], failure[1]);
    });
  }

  function signIn(username, password) {
    setBusy('正在登录…');
    post('/api/auth/login', { username: username, password: password }, null, function (status, data) {
      if (status === 200 && typeof data.accessToken === 'string') {
        var user = data.user || {};
        if (user.role && user.role !== 'student') {
          setBusy('');
          show('error', '请使用学员账号签到', '讲师和管理员账号不能签到。');
          return;
        }
        save(TOKEN_KEY, data.accessToken);
        save(NAME_KEY, user.displayName || user.username || username);
        passwordInput.value = '';
        showAccount();
        checkIn(data.accessToken);
        return;
      }
      setBusy('');
      var failure = loginFailure(status, data);
      show('error', failure[0], failure[1]);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    if (!codeInput.value.trim()) {
      show('error', '请输入签到码', '签到码是课堂屏幕上的 6 位数字。');
      codeInput.focus();
      return;
    }
    var token = load(TOKEN_KEY);
    if (token) {
      checkIn(token);
      return;
    }
    var username = usernameInput.value.trim();
    if (!username || !passwordInput.value) {
      show('error', '请先登录', '请输入用户名和密码。');
      (username ? passwordInput : usernameInput).focus();
      return;
    }
    signIn(username, passwordInput.value);
  });

  switchButton.addEventListener('click', function () {
    signOut();
    result.hidden = true;
    usernameInput.focus();
  });

  showAccount();
  loading.hidden = true;
  setBusy('');
})();
