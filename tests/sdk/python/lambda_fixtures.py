"""Helpers shared by the Lambda SDK tests: in-memory deployment packages and a role ARN."""
import io
import os
import zipfile

ROLE = "arn:aws:iam::111111111111:role/lambda-test-role"
ACCOUNT = "111111111111"


def zip_bytes(files):
    """A zip of {path: text or bytes}, as a user's `zip` would make it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buffer.getvalue()


def zip_dir_into(z, folder, prefix):
    """Adds every file under `folder` to the open ZipFile `z` below `prefix`."""
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            z.write(path, os.path.join(prefix, rel))


def wait_active(lam, name):
    lam.get_waiter("function_active_v2").wait(
        FunctionName=name, WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})


def wait_updated(lam, name):
    lam.get_waiter("function_updated_v2").wait(
        FunctionName=name, WaiterConfig={"Delay": 0.05, "MaxAttempts": 200})
