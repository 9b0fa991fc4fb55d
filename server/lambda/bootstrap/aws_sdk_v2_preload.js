// aws_sdk_v2_preload.js: points the classic AWS SDK for JavaScript (v2, `require('aws-sdk')`) at the
// emulator, with no change to the function's code.
//
// The runner loads this file into every Node.js process of a function through
// NODE_OPTIONS=--require <this file>. The JS SDK v3 and boto3 read AWS_ENDPOINT_URL by themselves; v2
// does not, so this file hooks Module._load: when a module of an aws-sdk v2 package returns the AWS
// namespace (`aws-sdk`, or `aws-sdk/lib/core` reached through `aws-sdk/clients/ec2`), it wraps
// AWS.Service.prototype.initialize so that every client built without an explicit endpoint gets
// AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL as its endpoint. This acts like
// AWS.config.update({endpoint}) but survives the function replacing or updating AWS.config: a later
// AWS.config.update({region: 'us-east-1'}) still gives `new AWS.EC2()` the emulator's endpoint, and the
// client still signs with the region it was configured with (SigV4 takes the region from config.region,
// never from the endpoint). An endpoint the function sets itself (in the client's options, in
// AWS.config, or in AWS.config.<service>) wins.
'use strict';

const Module = require('module');
const path = require('path');

const PATCHED = Symbol.for('ebs.emulator.awsSdkV2Patched');
const SDK_FOLDER = `${path.sep}aws-sdk${path.sep}`;

function emulatorEndpointFor(serviceIdentifier) {
  if (typeof serviceIdentifier === 'string' && serviceIdentifier) {
    const specific = process.env[`AWS_ENDPOINT_URL_${serviceIdentifier.toUpperCase()}`];
    if (specific) return specific;
  }
  return process.env.AWS_ENDPOINT_URL || undefined;
}

function hasEndpoint(config) {
  return Boolean(config && typeof config === 'object' && config.endpoint);
}

function looksLikeSdkV2(exported) {
  return exported !== null && typeof exported === 'object' &&
      typeof exported.VERSION === 'string' && exported.VERSION.startsWith('2.') &&
      typeof exported.Service === 'function' && typeof exported.Config === 'function' &&
      exported.Service.prototype && typeof exported.Service.prototype.initialize === 'function';
}

function patchSdk(AWS) {
  if (AWS.Service.prototype[PATCHED]) return;
  const originalInitialize = AWS.Service.prototype.initialize;
  AWS.Service.prototype.initialize = function initialize(config) {
    const serviceIdentifier = this.serviceIdentifier;
    const endpoint = emulatorEndpointFor(serviceIdentifier);
    const chosenByFunction = hasEndpoint(config) || hasEndpoint(AWS.config) ||
        hasEndpoint(AWS.config && AWS.config[serviceIdentifier]);
    if (endpoint && !chosenByFunction) {
      config = Object.assign({}, config, { endpoint });
    }
    return originalInitialize.call(this, config);
  };
  Object.defineProperty(AWS.Service.prototype, PATCHED, { value: true });
}

function fromSdkPackage(request, parent) {
  if (typeof request !== 'string') return false;
  if (request === 'aws-sdk' || request.startsWith('aws-sdk/')) return true;
  return Boolean(parent && typeof parent.filename === 'string' && parent.filename.includes(SDK_FOLDER));
}

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  const exported = originalLoad.apply(this, arguments);
  if (fromSdkPackage(request, parent)) {
    try {
      if (looksLikeSdkV2(exported)) patchSdk(exported);
    } catch (_err) {
      // Never let the emulator's hook break the function's require().
    }
  }
  return exported;
};
