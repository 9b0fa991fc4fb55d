// Lambda through the AWS SDK for JavaScript v3: a zip function that runs (result, function error),
// the error shapes the SDK maps to its exception classes, and a container-image function reached at
// a Runtime Interface Emulator invoke URL (a local HTTP server standing in for the container).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import {
  LambdaClient, CreateFunctionCommand, InvokeCommand, GetFunctionCommand, DeleteFunctionCommand,
  ResourceNotFoundException, ResourceConflictException, InvalidParameterValueException,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { startEmulator } from '../../../clients/ebs-emulator.mjs';

const ROLE = 'arn:aws:iam::123456789012:role/js-test';
let emu;
let lambda;
let rie;
let rieCalls = [];

function zipOf(files) {
  const script = 'import io,json,sys,zipfile\n' +
    'b=io.BytesIO()\nz=zipfile.ZipFile(b,"w")\n' +
    'for k,v in json.load(sys.stdin).items(): z.writestr(k,v)\n' +
    'z.close()\nsys.stdout.buffer.write(b.getvalue())\n';
  return new Uint8Array(execFileSync('python3', ['-c', script], { input: JSON.stringify(files) }));
}

const decode = (bytes) => JSON.parse(new TextDecoder().decode(bytes));

before(async () => {
  emu = await startEmulator();
  lambda = new LambdaClient(emu.clientConfig('eu-west-1', '123456789012'));
  rie = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      rieCalls.push({ path: req.url, body: JSON.parse(body) });
      const event = JSON.parse(body);
      res.setHeader('content-type', 'application/json');
      if (event.fail) res.end(JSON.stringify({ errorMessage: 'image says no', errorType: 'ImageError' }));
      else res.end(JSON.stringify({ fromImage: true, got: event }));
    });
  });
  await new Promise((r) => rie.listen(0, '127.0.0.1', r));
});

after(async () => {
  await emu.close();
  rie.close();
});

async function create(name, files, extra = {}) {
  const out = await lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
    Code: { ZipFile: zipOf(files) }, ...extra,
  }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20, minDelay: 1 },
    { FunctionName: name });
  return out;
}

test('zip function: result, function error, not found, conflict', async () => {
  await create('js-fn', {
    'index.js': 'exports.handler = async (e) => { if (e.fail) throw new TypeError("nope"); return { twice: e.n * 2 }; };',
  });
  const ok = await lambda.send(new InvokeCommand({
    FunctionName: 'js-fn', Payload: new TextEncoder().encode(JSON.stringify({ n: 21 })),
  }));
  assert.equal(ok.StatusCode, 200);
  assert.equal(ok.FunctionError, undefined);
  assert.deepEqual(decode(ok.Payload), { twice: 42 });

  const bad = await lambda.send(new InvokeCommand({
    FunctionName: 'js-fn', Payload: new TextEncoder().encode(JSON.stringify({ fail: true })),
  }));
  assert.equal(bad.FunctionError, 'Unhandled');
  const err = decode(bad.Payload);
  assert.equal(err.errorType, 'TypeError');
  assert.equal(err.errorMessage, 'nope');

  await assert.rejects(create('js-fn', { 'index.js': 'x' }), ResourceConflictException);
  await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'nothing' })),
    (e) => e instanceof ResourceNotFoundException &&
      e.message === 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:nothing');
  await assert.rejects(lambda.send(new CreateFunctionCommand({
    FunctionName: 'not-zip', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
    Code: { ZipFile: new TextEncoder().encode('plain text') },
  })), InvalidParameterValueException);
  await lambda.send(new DeleteFunctionCommand({ FunctionName: 'js-fn' }));
  await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: 'js-fn' })),
    ResourceNotFoundException);
});

test('image function runs at its Runtime Interface Emulator URL', async () => {
  const url = `http://127.0.0.1:${rie.address().port}/2015-03-31/functions/function/invocations`;
  const created = await lambda.send(new CreateFunctionCommand({
    FunctionName: 'image-fn', PackageType: 'Image', Role: ROLE,
    Code: { ImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/copier:latest' },
    Tags: { 'ebs-emulator:invoke-url': url },
  }));
  assert.equal(created.PackageType, 'Image');
  assert.equal(created.Runtime, undefined);
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20, minDelay: 1 },
    { FunctionName: 'image-fn' });
  const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'image-fn' }));
  assert.equal(got.Code.RepositoryType, 'ECR');
  rieCalls = [];
  const ok = await lambda.send(new InvokeCommand({
    FunctionName: 'image-fn', Payload: new TextEncoder().encode('{"k":"v"}'),
  }));
  assert.deepEqual(decode(ok.Payload), { fromImage: true, got: { k: 'v' } });
  assert.deepEqual(rieCalls, [{ path: '/2015-03-31/functions/function/invocations', body: { k: 'v' } }]);
  const bad = await lambda.send(new InvokeCommand({
    FunctionName: 'image-fn', Payload: new TextEncoder().encode('{"fail":true}'),
  }));
  assert.equal(bad.FunctionError, 'Unhandled');
  assert.equal(decode(bad.Payload).errorType, 'ImageError');
  const invocations = (await emu.admin('GET', 'invocations', undefined, { function: 'image-fn' })).invocations;
  assert.equal(invocations.length, 2);
  assert.equal(invocations[1].status, 'function-error');
  assert.match(invocations[1].log, /^START RequestId: /);
});

test('image function without an invoke URL is refused at create', async () => {
  await assert.rejects(lambda.send(new CreateFunctionCommand({
    FunctionName: 'image-no-url', PackageType: 'Image', Role: ROLE,
    Code: { ImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/copier:latest' },
  })), InvalidParameterValueException);
});
