// KMS through the AWS SDK for JavaScript v3 (@aws-sdk/client-kms) against the real server: CreateKey
// metadata as the SDK deserializes it (dates become Date objects), DescribeKey by alias, the key state
// machine with the modeled exceptions the SDK raises (DisabledException is not thrown by state changes;
// KMSInvalidStateException, NotFoundException, AlreadyExistsException are), pagination of ListKeys and
// ListAliases, and the AWS managed alias/aws/ebs key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  KMSClient, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand,
  ScheduleKeyDeletionCommand, CancelKeyDeletionCommand, CreateAliasCommand, ListAliasesCommand,
  NotFoundException, KMSInvalidStateException, AlreadyExistsException, paginateListKeys,
  paginateListAliases,
} from '@aws-sdk/client-kms';
import { startEmulator, waitFor } from '../../../clients/ebs-emulator.mjs';

const ACCOUNT = '777777777777';
const REGION = 'us-west-2';
let emu;
let kms;

before(async () => {
  emu = await startEmulator();
  kms = new KMSClient(emu.clientConfig(REGION, ACCOUNT));
});
after(async () => { await emu?.close(); });

test('CreateKey returns KeyMetadata the SDK deserializes', async () => {
  const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({ Description: 'js key' }));
  assert.equal(m.AWSAccountId, ACCOUNT);
  assert.match(m.KeyId, /^[0-9a-f-]{36}$/);
  assert.equal(m.Arn, `arn:aws:kms:${REGION}:${ACCOUNT}:key/${m.KeyId}`);
  assert.ok(m.CreationDate instanceof Date);
  assert.ok(Math.abs(m.CreationDate.getTime() - Date.now()) < 60_000);
  assert.equal(m.Enabled, true);
  assert.equal(m.KeyState, 'Enabled');
  assert.equal(m.KeyManager, 'CUSTOMER');
  assert.deepEqual(m.EncryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
  assert.equal(m.DeletionDate, undefined);
});

test('state machine and modeled exceptions', async () => {
  const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({}));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/js-app', TargetKeyId: m.KeyId }));
  await assert.rejects(
    kms.send(new CreateAliasCommand({ AliasName: 'alias/js-app', TargetKeyId: m.KeyId })),
    (e) => e instanceof AlreadyExistsException && e.$metadata.httpStatusCode === 400);
  await kms.send(new DisableKeyCommand({ KeyId: m.KeyId }));
  let d = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/js-app' }))).KeyMetadata;
  assert.equal(d.KeyState, 'Disabled');
  assert.equal(d.Enabled, false);
  const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.Arn, PendingWindowInDays: 10 }));
  assert.equal(scheduled.KeyState, 'PendingDeletion');
  assert.ok(scheduled.DeletionDate instanceof Date);
  const days = (scheduled.DeletionDate - m.CreationDate) / 86_400_000;
  assert.ok(days > 9.99 && days < 10.01, `deletion in ${days} days`);
  await assert.rejects(kms.send(new EnableKeyCommand({ KeyId: m.KeyId })), (e) =>
    e instanceof KMSInvalidStateException && e.message === `${m.Arn} is pending deletion.`);
  assert.equal((await kms.send(new CancelKeyDeletionCommand({ KeyId: m.KeyId }))).KeyId, m.Arn);
  d = (await kms.send(new DescribeKeyCommand({ KeyId: m.KeyId }))).KeyMetadata;
  assert.equal(d.KeyState, 'Disabled');
  await kms.send(new EnableKeyCommand({ KeyId: m.KeyId }));
  d = (await kms.send(new DescribeKeyCommand({ KeyId: m.KeyId }))).KeyMetadata;
  assert.equal(d.KeyState, 'Enabled');
});

test('deletion at the end of the waiting period removes key and alias', async () => {
  const { KeyMetadata: m } = await kms.send(new CreateKeyCommand({}));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/js-doomed', TargetKeyId: m.KeyId }));
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: m.KeyId, PendingWindowInDays: 7 }));
  await emu.advanceClock(7 * 86400 + 1);
  await waitFor(async () => {
    try {
      await kms.send(new DescribeKeyCommand({ KeyId: m.KeyId }));
      return false;
    } catch (e) {
      return e instanceof NotFoundException &&
        e.message === `Key '${m.Arn}' does not exist`;
    }
  });
  const { Aliases } = await kms.send(new ListAliasesCommand({}));
  assert.ok(!Aliases.some((a) => a.AliasName === 'alias/js-doomed'));
});

test('paginators walk ListKeys and ListAliases', async () => {
  const client = new KMSClient(emu.clientConfig('eu-north-1', ACCOUNT));
  const ids = new Set();
  for (let i = 0; i < 4; i++) {
    const { KeyMetadata: m } = await client.send(new CreateKeyCommand({}));
    ids.add(m.KeyId);
    await client.send(new CreateAliasCommand({ AliasName: `alias/js-page-${i}`, TargetKeyId: m.KeyId }));
  }
  const seen = new Set();
  let pages = 0;
  for await (const page of paginateListKeys({ client, pageSize: 3 }, {})) {
    pages++;
    for (const k of page.Keys) seen.add(k.KeyId);
  }
  assert.equal(pages, 2);
  assert.deepEqual(seen, ids);
  const names = [];
  for await (const page of paginateListAliases({ client, pageSize: 3 }, {})) {
    for (const a of page.Aliases) names.push(a.AliasName);
  }
  assert.deepEqual(names, [0, 1, 2, 3].map((i) => `alias/js-page-${i}`));
});

test('alias/aws/ebs is the AWS managed key', async () => {
  const { KeyMetadata: m } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ebs' }));
  assert.equal(m.KeyManager, 'AWS');
  assert.equal(m.KeyState, 'Enabled');
  await assert.rejects(kms.send(new DescribeKeyCommand({ KeyId: 'alias/not-there' })), (e) =>
    e instanceof NotFoundException &&
    e.message === `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/not-there is not found.`);
});
