"""Drives every model of the digital-human family through the gateway with DashScope's official Python SDK,
unchanged but for the base URL and the key.

Usage: sdk_family.py BASE_URL GATEWAY_KEY   (BASE_URL ends in /api/v1)

The face-detect calls go over plain HTTP (the SDKs have no class for them): emo-detect-v1 at ratio 1:1 and at
3:4, then liveportrait-detect. The video tasks go through `VideoSynthesis.async_call(task="image2video")` and
`VideoSynthesis.wait`: emo-v1 with the 1:1 boxes, emo-v1 with the 3:4 boxes, liveportrait and videoretalk. Each
create must answer 200 PENDING and each wait SUCCEEDED; otherwise the script exits 1 with a message saying what
went wrong.

The video lengths come from the simulator's `?duration=SECONDS` marker on the audio URL (AUDIO_SECONDS below).
Each task's `usage.video_duration` is also read from a plain `GET /tasks/{id}` with decimals parsed exactly, and
reported as that exact text.

The last line printed is one JSON object:

    {"calls": [{"model", "tier", "endpoint", "http_status", "final_status", "video_duration", ...}, ...],
     "quantities": [{"model", "tier", "unit", "quantity"}, ...]}

- `tier` is the price tier the script expects: emo-v1's ratio ("1:1" or "3:4"), "" for every other model.
- A face-detect call has `final_status` null and `video_duration` null, and its verdict: `check_pass`,
  `face_bbox` and `ext_bbox` (with the `ratio` asked for) for emo-detect-v1, `pass` for liveportrait-detect.
- A task has its `task_id`, `created_status`, `final_status`, `video_duration` (a decimal string, exactly as
  the gateway answered it), `video_ratio` and `video_url`.
- `quantities` sums what should be billed per model and tier: images for the detects, seconds for the tasks,
  as decimal strings.
"""
import decimal
import json
import sys
import urllib.error
import urllib.request

import dashscope
from dashscope import VideoSynthesis

IMAGE_URL = "https://example.com/portrait.jpg"
VIDEO_URL = "https://example.com/talk.mp4"
# Within each model's audio limit: emo-v1 under 60 s, liveportrait 1 s to 180 s, videoretalk 2 s to 120 s.
AUDIO_SECONDS = {
    "emo-v1 1:1": "7.31",
    "emo-v1 3:4": "12.5",
    "liveportrait": "4.2",
    "videoretalk": "9.87",
}


def fail(message):
    print("sdk_family.py: FAILED: " + message, flush=True)
    sys.exit(1)


def audio_url(name):
    return "https://example.com/voice-%s.mp3?duration=%s" % (name.replace(" ", "-").replace(":", "x"),
                                                             AUDIO_SECONDS[name])


def http_json(url, key, body=None):
    """POSTs `body` (or GETs, without one) and returns (status, document), decimals parsed exactly."""
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode(errors="replace")
    except OSError as error:
        fail("%s: no answer: %s" % (url, error))
    try:
        return status, json.loads(text, parse_float=decimal.Decimal)
    except ValueError:
        fail("%s answered %d with a body that is not JSON: %r" % (url, status, text[:500]))


def detect(model, key, ratio=None):
    body = {"model": model, "input": {"image_url": IMAGE_URL}}
    if ratio is not None:
        body["parameters"] = {"ratio": ratio}
    status, document = http_json(base_url + "/services/aigc/image2video/face-detect", key, body)
    what = model + (" at ratio " + ratio if ratio else "")
    if status != 200:
        fail("face-detect %s answered %d: %s" % (what, status, json.dumps(document, default=str)))
    output = document.get("output") or {}
    call = {"model": model, "tier": "", "endpoint": "face-detect", "http_status": status,
            "final_status": None, "video_duration": None}
    if model == "liveportrait-detect":
        if output.get("pass") is not True:
            fail("face-detect %s did not pass: %s" % (what, json.dumps(document, default=str)))
        call["pass"] = True
        return call
    if output.get("check_pass") is not True:
        fail("face-detect %s did not pass: %s" % (what, json.dumps(document, default=str)))
    face, extended = output.get("face_bbox"), output.get("ext_bbox")
    for name, box in (("face_bbox", face), ("ext_bbox", extended)):
        if not (isinstance(box, list) and len(box) == 4 and all(type(v) is int and v >= 0 for v in box)
                and box[0] < box[2] and box[1] < box[3]):
            fail("face-detect %s answered a malformed %s: %r" % (what, name, box))
    width, height = extended[2] - extended[0], extended[3] - extended[1]
    wide, high = (int(part) for part in (ratio or "1:1").split(":"))
    if width * high != height * wide:
        fail("face-detect %s answered an ext_bbox of %dx%d, not %s" % (what, width, height, ratio or "1:1"))
    call.update({"ratio": ratio or "1:1", "check_pass": True, "face_bbox": face, "ext_bbox": extended})
    return call


def create(name, model, key, extra_input, **parameters):
    created = VideoSynthesis.async_call(model=model, task="image2video", extra_input=extra_input, api_key=key,
                                        **parameters)
    if created.status_code != 200:
        fail("create %s answered %s %s: %s" % (name, created.status_code, created.code, created.message))
    if created.output is None or created.output.task_status != "PENDING" or not created.output.task_id:
        fail("create %s answered 200 without a PENDING task: %s" % (name, created))
    return created


def finish(name, model, tier, created, key):
    done = VideoSynthesis.wait(created, api_key=key)
    if done.status_code != 200:
        fail("wait %s answered %s %s: %s" % (name, done.status_code, done.code, done.message))
    output = done.output
    status = output.task_status if output is not None else None
    if status != "SUCCEEDED":
        fail("%s (task %s) ended %s, not SUCCEEDED: %s" % (name, created.output.task_id, status, done))
    if done.usage is None or done.usage.get("video_duration") is None:
        fail("%s (task %s) SUCCEEDED without usage.video_duration: %s" % (name, created.output.task_id, done))
    seen = done.usage["video_duration"]
    # The SDK reads numbers as floats; the exact text comes from the raw answer, parsed as decimals.
    http_status, raw = http_json(base_url + "/tasks/" + created.output.task_id, key)
    if http_status != 200:
        fail("GET /tasks/%s answered %d: %s" % (created.output.task_id, http_status, json.dumps(raw, default=str)))
    exact = (raw.get("usage") or {}).get("video_duration")
    if exact is None or isinstance(exact, bool):
        fail("GET /tasks/%s has no usage.video_duration: %s" % (created.output.task_id, json.dumps(raw, default=str)))
    exact = decimal.Decimal(str(exact))
    if decimal.Decimal(str(seen)) != exact:
        fail("%s: the SDK saw video_duration %r, the raw answer says %s" % (name, seen, exact))
    if exact != decimal.Decimal(AUDIO_SECONDS[name]):
        fail("%s: video_duration %s, but the audio lasts %s s" % (name, exact, AUDIO_SECONDS[name]))
    ratio = done.usage.get("video_ratio")
    if model == "emo-v1" and ratio != tier:
        fail("%s: usage.video_ratio is %r, expected %r" % (name, ratio, tier))
    # VideoRetalk's result is at output.video_url; the others' at output.results.video_url.
    results = output.get("results") or {}
    video_url = output.video_url or (results.get("video_url") if isinstance(results, dict) else None)
    if not video_url:
        fail("%s (task %s) SUCCEEDED without a video_url: %s" % (name, created.output.task_id, done))
    return {"model": model, "tier": tier, "endpoint": "video-synthesis", "http_status": created.status_code,
            "task_id": created.output.task_id, "created_status": created.output.task_status,
            "final_status": status, "video_duration": str(exact), "video_ratio": ratio, "video_url": video_url}


if len(sys.argv) != 3:
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)
base_url, key = sys.argv[1].rstrip("/"), sys.argv[2]
dashscope.base_http_api_url = base_url

calls = [
    detect("emo-detect-v1", key, "1:1"),
    detect("emo-detect-v1", key, "3:4"),
    detect("liveportrait-detect", key),
]
square, portrait = calls[0], calls[1]
print("detects passed; submitting the tasks", flush=True)

# Every task is submitted first, then each is waited for: the models run side by side.
tasks = [
    ("emo-v1 1:1", "emo-v1", "1:1", create(
        "emo-v1 1:1", "emo-v1", key,
        {"image_url": IMAGE_URL, "audio_url": audio_url("emo-v1 1:1"),
         "face_bbox": square["face_bbox"], "ext_bbox": square["ext_bbox"]},
        style_level="normal")),
    ("emo-v1 3:4", "emo-v1", "3:4", create(
        "emo-v1 3:4", "emo-v1", key,
        {"image_url": IMAGE_URL, "audio_url": audio_url("emo-v1 3:4"),
         "face_bbox": portrait["face_bbox"], "ext_bbox": portrait["ext_bbox"]},
        style_level="normal")),
    ("liveportrait", "liveportrait", "", create(
        "liveportrait", "liveportrait", key,
        {"image_url": IMAGE_URL, "audio_url": audio_url("liveportrait")},
        template_id="normal")),
    ("videoretalk", "videoretalk", "", create(
        "videoretalk", "videoretalk", key,
        {"video_url": VIDEO_URL, "audio_url": audio_url("videoretalk")})),
]
print("created %d tasks, all PENDING; waiting" % len(tasks), flush=True)
for name, model, tier, created in tasks:
    calls.append(finish(name, model, tier, created, key))
    print("%s SUCCEEDED: %s s" % (name, calls[-1]["video_duration"]), flush=True)

quantities = {}
for call in calls:
    unit = "image" if call["endpoint"] == "face-detect" else "second"
    amount = decimal.Decimal(1) if unit == "image" else decimal.Decimal(call["video_duration"])
    slot = (call["model"], call["tier"], unit)
    quantities[slot] = quantities.get(slot, decimal.Decimal(0)) + amount

print(json.dumps({
    "calls": calls,
    "quantities": [{"model": model, "tier": tier, "unit": unit, "quantity": str(quantity)}
                   for (model, tier, unit), quantity in quantities.items()],
}))
