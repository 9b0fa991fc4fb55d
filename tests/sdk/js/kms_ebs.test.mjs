// The seed's KMS scenarios through the AWS SDK for JavaScript v3 (client-ec2 + client-kms): CreateVolume
// with a disabled key answers `creating`, then DescribeVolumes answers InvalidVolume.NotFound, and the `createVolume` `failed` event carries "<key-arn> is disabled."; a volume whose key is pending
// deletion fails to attach with an `attachVolume` `failed` event naming the volume and the key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EC2Client, CreateVolumeCommand, DescribeVolumesCommand, AttachVolumeCommand,
  RunInstancesCommand, waitUntilVolumeAvailable, waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import {
  KMSClient, CreateKeyCommand, DisableKeyCommand, ScheduleKeyDeletionCommand, CreateAliasCommand,
} from '@aws-sdk/client-kms';
import { startEmulator, waitFor } from '../../../clients/ebs-emulator.mjs';

const ACCOUNT = '135792468013';
const REGION = 'us-east-2';
const ZONE = `${REGION}a`;
const FAST = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 20 };
let emu;
let ec2;
let kms;

before(async () => {
  emu = await startEmulator(['--volume-ms', '50', '--attach-ms', '50', '--instance-ms', '50']);
  ec2 = new EC2Client(emu.clientConfig(REGION, ACCOUNT));
  kms = new KMSClient(emu.clientConfig(REGION, ACCOUNT));
});
after(async () => { await emu?.close(); });

const volumeArn = (id) => `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/${id}`;

async function volumeEvent(volumeId, name) {
  return waitFor(async () => (await emu.events({ source: 'aws.ec2', account: ACCOUNT }))
    .find((e) => e.detail.event === name && e.resources.includes(volumeArn(volumeId))));
}

test('CreateVolume with a disabled key: creating, then gone, with the failed event', async () => {
  const { KeyMetadata: key } = await kms.send(new CreateKeyCommand({}));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/js-disabled', TargetKeyId: key.KeyId }));
  await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
  const out = await ec2.send(new CreateVolumeCommand({
    AvailabilityZone: ZONE, Size: 3, Encrypted: true, KmsKeyId: 'alias/js-disabled',
  }));
  assert.equal(out.State, 'creating');
  // (The v3 waiter retries on this error until its deadline, so poll for it instead.)
  const gone = await waitFor(async () => {
    try {
      await ec2.send(new DescribeVolumesCommand({ VolumeIds: [out.VolumeId] }));
      return false;
    } catch (e) {
      return e;
    }
  });
  assert.equal(gone.name, 'InvalidVolume.NotFound');
  assert.equal(gone.message, `The volume '${out.VolumeId}' does not exist.`);
  const event = await volumeEvent(out.VolumeId, 'createVolume');
  assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time',
    'region', 'resources', 'detail']);
  assert.equal(event['detail-type'], 'EBS Volume Notification');
  assert.equal(event.region, REGION);
  assert.deepEqual(event.resources, [volumeArn(out.VolumeId)]);
  // The CreateVolume request id (the v3 EC2 client doesn't surface it in $metadata).
  assert.match(event.detail['request-id'], /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.deepEqual(event.detail, {
    result: 'failed', cause: `${key.Arn} is disabled.`, event: 'createVolume',
    'request-id': event.detail['request-id'],
  });
});

test('attach with a key pending deletion fails with attachVolume failed', async () => {
  const { KeyMetadata: key } = await kms.send(new CreateKeyCommand({}));
  const vol = await ec2.send(new CreateVolumeCommand({
    AvailabilityZone: ZONE, Size: 3, Encrypted: true, KmsKeyId: key.Arn,
  }));
  await waitUntilVolumeAvailable({ client: ec2, ...FAST }, { VolumeIds: [vol.VolumeId] });
  const run = await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: ZONE },
  }));
  const instanceId = run.Instances[0].InstanceId;
  await waitUntilInstanceRunning({ client: ec2, ...FAST }, { InstanceIds: [instanceId] });
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
  const attach = await ec2.send(new AttachVolumeCommand({
    VolumeId: vol.VolumeId, InstanceId: instanceId, Device: '/dev/sdf',
  }));
  assert.equal(attach.State, 'attaching');
  const event = await volumeEvent(vol.VolumeId, 'attachVolume');
  assert.deepEqual(event.resources, [volumeArn(vol.VolumeId), key.Arn]);
  assert.deepEqual(event.detail, {
    result: 'failed', cause: `${key.Arn} is pending deletion.`, event: 'attachVolume',
    'request-id': '',
  });
  await waitUntilVolumeAvailable({ client: ec2, ...FAST }, { VolumeIds: [vol.VolumeId] });
});
