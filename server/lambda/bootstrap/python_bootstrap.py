"""python_bootstrap.py: the emulator's Python Lambda runtime (python3.9 .. python3.13).

Started by the C++ runner (server/lambda/runner) as `python3 -u -B python_bootstrap.py`, with the
function's environment, its code folder as working directory, stdout+stderr on the runner's log pipe
and a control socket on fd 3. It imports the handler named by _HANDLER the way AWS's Python runtime
interface client does, then serves invocations one at a time until the runner closes the socket.

Control protocol (fd 3, both directions): a message is two frames, each a 4-byte big-endian length
followed by that many bytes: first a JSON header, then a raw body.
  runtime -> runner  {"type":"ready"}                            body: empty
                     {"type":"init_error"}                       body: AWS error JSON
                     {"type":"response","requestId":..,"status":"ok"|"error","fatal":false}
                                                                 body: result JSON / AWS error JSON
  runner -> runtime  {"type":"invoke","requestId":..,"deadlineMs":..,"invokedFunctionArn":..}
                                                                 body: the event JSON
"""

import decimal
import importlib
import importlib.abc
import json
import logging
import os
import sys
import time
import traceback

CONTROL_FD = 3
MAX_FRAME_BYTES = 64 * 1024 * 1024
ERROR_LOG_LINE_TERMINATE = "\r"
ERROR_LOG_IDENT = "\u00a0"  # NO-BREAK SPACE, as AWS indents traceback lines in logs

_current_request_id = None


# ------------------------------------------------------------------------------------------------
# Control channel
class Channel:
    def __init__(self, fd):
        self.fd = fd
        os.set_inheritable(fd, False)  # the function's own subprocesses must not see it

    def _read_exactly(self, length):
        chunks = []
        remaining = length
        while remaining > 0:
            try:
                chunk = os.read(self.fd, min(remaining, 1 << 20))
            except InterruptedError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _read_frame(self):
        prefix = self._read_exactly(4)
        if prefix is None:
            return None
        length = int.from_bytes(prefix, "big")
        if length > MAX_FRAME_BYTES:
            return None
        return b"" if length == 0 else self._read_exactly(length)

    def receive(self):
        header = self._read_frame()
        if header is None:
            return None
        body = self._read_frame()
        if body is None:
            return None
        return json.loads(header.decode("utf-8")), body

    def send(self, header, body=b""):
        if isinstance(body, str):
            body = body.encode("utf-8")
        header_bytes = json.dumps(header).encode("utf-8")
        data = (
            len(header_bytes).to_bytes(4, "big")
            + header_bytes
            + len(body).to_bytes(4, "big")
            + body
        )
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.fd, view)
            except InterruptedError:
                continue
            except OSError:
                os._exit(0)  # the runner went away
            view = view[written:]


# ------------------------------------------------------------------------------------------------
# Errors, serialised as AWS's runtime does
class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    frames = [
        (frame.filename, frame.lineno, frame.name, frame.line)
        for frame in traceback.extract_tb(tb)
    ]
    for i, frame in enumerate(frames):
        if not frame[0].endswith("/python_bootstrap.py"):
            return frames[i:]
    return frames


def build_fault_result(exc_info, invoke_id=None):
    etype, value, tb = exc_info
    return make_error(
        str(value), etype.__name__, traceback.format_list(_user_frames(tb)), invoke_id
    )


def _replace_line_indentation(line, indent_char, new_indent_char):
    count = len(line) - len(line.lstrip(indent_char))
    return new_indent_char * count + line[count:]


def log_error(error_result):
    description = "[ERROR]"
    error_type = error_result.get("errorType")
    if error_type:
        description += " " + error_type
    error_message = error_result.get("errorMessage")
    if error_message:
        if error_type:
            description += ":"
        description += " " + error_message
    lines = [description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            if element == "":
                lines.append("")
            else:
                for trace_line in element.splitlines():
                    lines.append(_replace_line_indentation(trace_line, " ", ERROR_LOG_IDENT))
    sys.stdout.write(ERROR_LOG_LINE_TERMINATE.join(lines) + "\n")


# ------------------------------------------------------------------------------------------------
# JSON in and out
def _ensure_ascii():
    runtime = os.environ.get("AWS_EXECUTION_ENV", "")
    try:
        minor = int(runtime.rsplit(".", 1)[1])
    except (IndexError, ValueError):
        return True
    return minor < 12


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):
            if o.is_nan():
                return float("nan")
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


def marshal_response(response):
    if isinstance(response, bytes):
        return response
    try:
        return json.dumps(response, cls=_Encoder, ensure_ascii=_ensure_ascii()).encode("utf-8")
    except Exception as e:  # noqa: BLE001 - any failure is AWS's MarshalError
        raise FaultException(
            FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e))
        )


def unmarshal_request(body):
    try:
        return json.loads(body)
    except Exception as e:  # noqa: BLE001
        raise FaultException(
            FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e))
        )


# ------------------------------------------------------------------------------------------------
# Endpoint for old botocore. boto3/botocore 1.31 and later send every client to AWS_ENDPOINT_URL by
# themselves; older releases (Debian 12 packages 1.26) ignore it. For those, Session.create_client
# gets AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL as its default endpoint_url when botocore.session
# is imported. An endpoint_url the function passes itself wins.
def _botocore_is_old():
    botocore = sys.modules.get("botocore")
    try:
        major, minor = (int(part) for part in botocore.__version__.split(".")[:2])
    except (AttributeError, ValueError):
        return False
    return (major, minor) < (1, 31)


def _patch_botocore_session(module):
    if not _botocore_is_old() or not hasattr(module, "Session"):
        return
    original = module.Session.create_client

    def create_client(self, service_name, *args, **kwargs):
        service = str(service_name).upper().replace("-", "_").replace(" ", "_")
        endpoint = os.environ.get("AWS_ENDPOINT_URL_" + service) or os.environ.get(
            "AWS_ENDPOINT_URL"
        )
        # endpoint_url is create_client's fifth parameter after service_name.
        if endpoint and len(args) < 5 and kwargs.get("endpoint_url") is None:
            kwargs["endpoint_url"] = endpoint
        return original(self, service_name, *args, **kwargs)

    module.Session.create_client = create_client


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        try:
            _patch_botocore_session(module)
        except Exception:  # noqa: BLE001 - never break the function's import
            pass


class _BotocoreSessionFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname != "botocore.session":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


# ------------------------------------------------------------------------------------------------
# Context and logging
class LambdaContext:
    def __init__(self, invoke_id, deadline_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = None
        self.identity = None
        self._epoch_deadline_time_in_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        delta = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta if delta > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},"
            "function_name={},memory_limit_in_mb={},function_version={},"
            "invoked_function_arn={},client_context={},identity={}])".format(
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
            )
        )


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        return True


class _StdoutHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write(self.format(record))


def setup_logging():
    logging.Formatter.converter = time.gmtime
    handler = _StdoutHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:  # noqa: SLF001 - same lookup AWS's runtime does
        root.setLevel(level)
    root.addHandler(handler)


# ------------------------------------------------------------------------------------------------
# Loading and invoking the handler
def get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(
            FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e))
        )
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(modname, str(e)),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(modname, str(e)),
            trace,
        )
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(fname, modname),
        )


def handle_invocation(channel, request_handler, header, body):
    global _current_request_id
    invoke_id = header.get("requestId", "")
    _current_request_id = invoke_id
    error_result = None
    try:
        context = LambdaContext(
            invoke_id, int(header.get("deadlineMs", 0)), header.get("invokedFunctionArn")
        )
        event = unmarshal_request(body)
        result = marshal_response(request_handler(event, context))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:  # noqa: BLE001 - the function's own error
        error_result = build_fault_result(sys.exc_info(), invoke_id)

    response = {"type": "response", "requestId": invoke_id, "fatal": False}
    if error_result is not None:
        log_error(error_result)
        channel.send(dict(response, status="error"), json.dumps(error_result))
    else:
        channel.send(dict(response, status="ok"), result)


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    # The function's code comes first on sys.path, in place of this bootstrap's folder.
    if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(
        os.path.abspath(__file__)
    ):
        sys.path[0] = task_root
    elif task_root not in sys.path:
        sys.path.insert(0, task_root)

    channel = Channel(CONTROL_FD)
    setup_logging()
    sys.meta_path.insert(0, _BotocoreSessionFinder())
    try:
        request_handler = get_handler(os.environ.get("_HANDLER", ""))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except Exception:  # noqa: BLE001 - an error while importing the function's module
        error_result = build_fault_result(sys.exc_info())
    else:
        error_result = None

    if error_result is not None:
        log_error(error_result)
        channel.send({"type": "init_error"}, json.dumps(error_result))
        return

    channel.send({"type": "ready"})
    while True:
        message = channel.receive()
        if message is None or message[0].get("type") != "invoke":
            return
        handle_invocation(channel, request_handler, message[0], message[1])


if __name__ == "__main__":
    main()
