// node_bootstrap.js: the emulator's Node.js Lambda runtime (nodejs18.x, nodejs20.x, nodejs22.x).
//
// Started by the C++ runner (server/lambda/runner) as `node node_bootstrap.js`, with the function's
// environment, its code folder as working directory, stdout+stderr on the runner's log pipe and a
// control socket on fd 3. It loads the handler named by _HANDLER from LAMBDA_TASK_ROOT the way AWS's
// runtime interface client does (CommonJS require, ES modules through import()), then serves
// invocations one at a time until the runner closes the socket.
//
// Control protocol (fd 3, both directions): a message is two frames, each a 4-byte big-endian length
// followed by that many bytes: first a JSON header, then a raw body.
//   runtime -> runner  {"type":"ready"}                          body: empty
//                      {"type":"init_error"}                     body: AWS error JSON
//                      {"type":"response","requestId":..,"status":"ok"|"error","fatal":bool}
//                                                                body: result JSON / AWS error JSON
//   runner -> runtime  {"type":"invoke","requestId":..,"deadlineMs":..,"invokedFunctionArn":..}
//                                                                body: the event JSON
// The socket is read with blocking fs.readSync, so while the runtime waits for the next invocation the
// process is frozen (timers do not fire), as a Lambda execution environment is between invocations.
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const CONTROL_FD = 3;
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
// AWS's messages name its own runtime file in "Require stack"; ours name the same path.
const AWS_RUNTIME_FILE = '/var/runtime/index.mjs';

// ---------------------------------------------------------------------------------------------------
// Control channel
function writeAll(buffer) {
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += fs.writeSync(CONTROL_FD, buffer, offset, buffer.length - offset);
    } catch (err) {
      if (err.code === 'EAGAIN' || err.code === 'EINTR') continue;
      process.exit(0);  // the runner went away: nothing left to serve
    }
  }
}

function sendMessage(header, body) {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyBytes = Buffer.from(body === undefined ? '' : body, 'utf8');
  const out = Buffer.allocUnsafe(8 + headerBytes.length + bodyBytes.length);
  out.writeUInt32BE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  out.writeUInt32BE(bodyBytes.length, 4 + headerBytes.length);
  bodyBytes.copy(out, 8 + headerBytes.length);
  writeAll(out);
}

function readExactly(length) {
  const buffer = Buffer.allocUnsafe(length);
  let offset = 0;
  while (offset < length) {
    let n;
    try {
      n = fs.readSync(CONTROL_FD, buffer, offset, length - offset, null);
    } catch (err) {
      if (err.code === 'EAGAIN' || err.code === 'EINTR') continue;
      return null;
    }
    if (n === 0) return null;
    offset += n;
  }
  return buffer;
}

function readFrame() {
  const prefix = readExactly(4);
  if (prefix === null) return null;
  const length = prefix.readUInt32BE(0);
  if (length > MAX_FRAME_BYTES) return null;
  return length === 0 ? Buffer.alloc(0) : readExactly(length);
}

function readMessage() {
  const header = readFrame();
  if (header === null) return null;
  const body = readFrame();
  if (body === null) return null;
  return { header: JSON.parse(header.toString('utf8')), body: body.toString('utf8') };
}

// ---------------------------------------------------------------------------------------------------
// Errors, serialised as AWS's runtime does
function isErrorLike(obj) {
  return obj && typeof obj.name === 'string' && typeof obj.message === 'string' &&
      typeof obj.stack === 'string' && obj.name && obj.message && obj.stack;
}

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch (_err) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving ' +
          'one or more of its message, name, and stack',
    };
  }
}

function intoError(err) {
  return err instanceof Error ? err : new Error(err);
}

function withEnumerableProperties(value) {
  if (!(value instanceof Error)) return value;
  const ret = Object.assign(
      { errorType: value.name, errorMessage: value.message, code: value.code }, value);
  if (typeof value.stack === 'string') ret.stack = value.stack.split('\n');
  return ret;
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch (_err) {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function runtimeErrorClass(name) {
  const cls = class extends Error {};
  Object.defineProperty(cls, 'name', { value: name });
  cls.prototype.name = `Runtime.${name}`;
  return cls;
}
const ImportModuleError = runtimeErrorClass('ImportModuleError');
const HandlerNotFound = runtimeErrorClass('HandlerNotFound');
const MalformedHandlerName = runtimeErrorClass('MalformedHandlerName');
const UserCodeSyntaxError = runtimeErrorClass('UserCodeSyntaxError');
class NodeJsExit extends Error {
  constructor() {
    super('The Lambda runtime client detected an unexpected Node.js exit code. This is most ' +
        'commonly caused by a Promise that was never settled. For more information, see ' +
        'https://nodejs.org/docs/latest/api/process.html#exit-codes');
  }
}
NodeJsExit.prototype.name = 'Runtime.NodeJsExit';
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

// ---------------------------------------------------------------------------------------------------
// Logging: console.* lines carry "<ISO time>\t<request id>\t<LEVEL>\t", newlines become \r
const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');
function currentRequestId() {
  return global[REQUEST_ID_SYMBOL];
}

function patchConsole() {
  const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  const wanted = levels.indexOf((process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase());
  const minimum = wanted < 0 ? 0 : wanted;
  const make = (level) => {
    if (levels.indexOf(level) < minimum) return () => {};
    return (message, ...params) => {
      const line = `${new Date().toISOString()}\t${currentRequestId()}\t${level}\t` +
          util.format(message, ...params);
      process.stdout.write(line.replace(/\n/g, '\r') + '\n');
    };
  };
  console.trace = make('TRACE');
  console.debug = make('DEBUG');
  console.info = make('INFO');
  console.log = console.info;
  console.warn = make('WARN');
  console.error = make('ERROR');
  console.fatal = make('FATAL');
}

function logError(label, err) {
  console.error(label, toFormatted(intoError(err)));
}

// ---------------------------------------------------------------------------------------------------
// Loading the handler, following AWS's runtime interface client
function hasFolderPackageJsonTypeModule(folder) {
  if (folder.endsWith('/node_modules')) return false;
  const pj = path.join(folder, 'package.json');
  if (fs.existsSync(pj)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(pj));
      if (pkg) return pkg.type === 'module';
    } catch (e) {
      console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
      return false;
    }
  }
  if (folder === '/') return false;
  return hasFolderPackageJsonTypeModule(path.resolve(folder, '..'));
}

function tryRequireFile(file, extension) {
  const candidate = file + (extension || '');
  return fs.existsSync(candidate) ? require(candidate) : undefined;
}

async function tryImportFile(file, extension) {
  const candidate = file + (extension || '');
  return fs.existsSync(candidate) ? await import(pathToFileURL(candidate).href) : undefined;
}

async function tryLoad(appRoot, moduleRoot, moduleName) {
  const lambdaStylePath = path.resolve(appRoot, moduleRoot, moduleName);
  const extensionless = tryRequireFile(lambdaStylePath);
  if (extensionless) return extensionless;

  const typeModule = hasFolderPackageJsonTypeModule(path.resolve(path.dirname(lambdaStylePath)));
  if (!typeModule) {
    const loaded = tryRequireFile(lambdaStylePath, '.js');
    if (loaded) return loaded;
  }
  const loaded = (typeModule && (await tryImportFile(lambdaStylePath, '.js'))) ||
      (await tryImportFile(lambdaStylePath, '.mjs')) || tryRequireFile(lambdaStylePath, '.cjs');
  if (loaded) return loaded;

  const nodeStylePath = require.resolve(moduleName, { paths: [appRoot, moduleRoot] });
  return require(nodeStylePath);
}

function awsStyleMessage(err) {
  // Node names the requiring file (this bootstrap) in "Require stack"; AWS's runtime names its own.
  return String(err).split(__filename).join(AWS_RUNTIME_FILE);
}

async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandlerString}' is not a valid handler name. Use absolute ` +
        'paths when specifying root directories in handler names.');
  }
  const moduleAndHandler = path.basename(fullHandlerString);
  const moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(moduleAndHandler));
  const match = moduleAndHandler.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = match;

  let userApp;
  try {
    userApp = await tryLoad(appRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(awsStyleMessage(e));
    if (e && e.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(awsStyleMessage(e));
    throw e;
  }
  const handlerFunc = handlerPath.split('.').reduce((nested, key) => nested && nested[key], userApp);
  if (!handlerFunc) {
    throw new HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
  }
  if (typeof handlerFunc !== 'function') {
    throw new HandlerNotFound(`${fullHandlerString} is not a function`);
  }
  return handlerFunc;
}

// ---------------------------------------------------------------------------------------------------
// Invocations
const beforeExit = {
  listener: () => {},
  set(fn) { this.listener = fn; },
  reset() { this.listener = () => {}; },
};

function serialiseResult(result) {
  return JSON.stringify(result === undefined ? null : result);
}

// Output the function wrote with process.stdout.write() may still be queued in this process (the pipe
// was full); the answer goes out once it is flushed, so the log of an invocation is complete.
function whenOutputFlushed(then) {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) return then();
  let left = pending.length;
  for (const stream of pending) {
    stream.once('drain', () => {
      if (--left === 0) then();
    });
  }
}

// Answers an invocation, then calls `then` (which schedules the next one).
function postResponse(requestId, result, then) {
  let body;
  try {
    body = serialiseResult(result);
  } catch (_err) {
    postError(requestId, new Error('Unable to stringify response body'), then);
    return;
  }
  whenOutputFlushed(() => {
    sendMessage({ type: 'response', requestId, status: 'ok', fatal: false }, body);
    then();
  });
}

function postError(requestId, error, then) {
  const body = JSON.stringify(toRapidResponse(error));
  whenOutputFlushed(() => {
    sendMessage({ type: 'response', requestId, status: 'error', fatal: false }, body);
    then();
  });
}

// For an error that ends the process: answered at once, nothing else runs after it.
function postFatalError(requestId, error) {
  sendMessage({ type: 'response', requestId, status: 'error', fatal: true },
      JSON.stringify(toRapidResponse(error)));
}

// The fallback error handlers while no invocation runs (module initialisation).
const errorCallbacks = {
  uncaughtException: (error) => {
    sendMessage({ type: 'init_error' }, JSON.stringify(toRapidResponse(error)));
    process.exit(129);
  },
  unhandledRejection: (error) => {
    sendMessage({ type: 'init_error' }, JSON.stringify(toRapidResponse(error)));
    process.exit(128);
  },
};

function buildCallbackContext(requestId, scheduleNext) {
  let completed = false;
  let waitForEmptyEventLoop = true;
  const complete = (result) => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than ' +
          'once per invocation.');
      return;
    }
    completed = true;
    postResponse(requestId, result, scheduleNext);
  };
  const postFailure = (err) => {
    logError('Invoke Error', err);
    completed = true;
    postError(requestId, err, scheduleNext);
  };
  const callback = (err, result) => {
    beforeExit.reset();
    if (err !== undefined && err !== null) {
      postFailure(err);
    } else if (!waitForEmptyEventLoop) {
      complete(result);
    } else {
      beforeExit.set(() => setImmediate(() => complete(result)));
    }
  };
  const done = (err, result) => {
    beforeExit.reset();
    if (err !== undefined && err !== null) {
      postFailure(err);
    } else {
      complete(result);
    }
  };
  const context = {
    get callbackWaitsForEmptyEventLoop() { return waitForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { waitForEmptyEventLoop = value; },
    succeed: (result) => done(null, result),
    fail: (err) => (err === undefined || err === null ? done('handled') : done(err, null)),
    done,
  };
  // Only the first of callback/succeed/fail/done counts.
  let finished = false;
  const once = (fn) => function () {
    if (!finished) {
      fn.apply(null, arguments);
      finished = true;
    }
  };
  context.succeed = once(context.succeed);
  context.fail = once(context.fail);
  context.done = once(context.done);
  return [once(callback), context, () => { completed = true; }];
}

function isPromise(obj) {
  return obj && obj.then && typeof obj.then === 'function';
}

function makeRuntime(handler) {
  const isAsync = handler.constructor && handler.constructor.name === 'AsyncFunction';
  const scheduleNext = () => setImmediate(handleOnce);

  function handleOnce() {
    const message = readMessage();
    if (message === null || message.header.type !== 'invoke') process.exit(0);
    const { requestId, deadlineMs, invokedFunctionArn } = message.header;
    global[REQUEST_ID_SYMBOL] = requestId;

    const [callback, callbackContext, markCompleted] = buildCallbackContext(requestId, scheduleNext);
    errorCallbacks.uncaughtException = (error) => {
      postFatalError(requestId, error);
      process.exit(129);
    };
    errorCallbacks.unhandledRejection = (error) => {
      postFatalError(requestId, error);
      process.exit(128);
    };
    beforeExit.set(() => {
      markCompleted();
      if (isAsync) {
        const error = new NodeJsExit();
        logError('Invoke Error', error);
        postError(requestId, error, scheduleNext);
      } else {
        postResponse(requestId, null, scheduleNext);
      }
    });

    const context = Object.assign(callbackContext, {
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      clientContext: undefined,
      identity: undefined,
      invokedFunctionArn,
      awsRequestId: requestId,
      getRemainingTimeInMillis: () => deadlineMs - Date.now(),
    });
    try {
      const result = handler(JSON.parse(message.body), context, callback);
      if (isPromise(result)) {
        result.then(context.succeed, context.fail).catch(context.fail);
      }
    } catch (err) {
      callback(err);
    }
  }
  return { start: scheduleNext };
}

// ---------------------------------------------------------------------------------------------------
async function main() {
  patchConsole();
  process.on('uncaughtException', (error) => {
    logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new UnhandledPromiseRejection(reason, promise);
    logError('Unhandled Promise Rejection', error);
    errorCallbacks.unhandledRejection(error);
  });
  process.on('beforeExit', () => beforeExit.listener());

  const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let handler;
  try {
    handler = await loadHandler(appRoot, process.env._HANDLER || '');
  } catch (error) {
    logError('Uncaught Exception', error);
    errorCallbacks.uncaughtException(error);
    return;
  }
  sendMessage({ type: 'ready' }, '');
  makeRuntime(handler).start();
}

main();
