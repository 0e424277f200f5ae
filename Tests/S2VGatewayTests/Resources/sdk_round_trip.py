"""Drives the gateway with DashScope's official Python SDK, unchanged but for the base URL and the key.

Usage: sdk_round_trip.py BASE_URL GATEWAY_KEY   (BASE_URL ends in /api/v1)
Prints one JSON object with what the SDK saw.
"""
import json
import sys
import urllib.request

import dashscope
from dashscope import VideoSynthesis

base_url, key = sys.argv[1], sys.argv[2]
dashscope.base_http_api_url = base_url

# The SDKs have no class for face-detect: clients call it over plain HTTP.
request = urllib.request.Request(
    base_url + "/services/aigc/image2video/face-detect",
    data=json.dumps({"model": "wan2.2-s2v-detect", "input": {"image_url": "https://example.com/portrait.jpg"}}).encode(),
    headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"},
)
detect = json.load(urllib.request.urlopen(request, timeout=30))

created = VideoSynthesis.async_call(
    model="wan2.2-s2v",
    task="image2video",
    extra_input={
        "image_url": "https://example.com/portrait.jpg",
        "audio_url": "https://example.com/voice.mp3?duration=7.31",
    },
    resolution="720P",
    api_key=key,
)
assert created.status_code == 200, created
fetched = VideoSynthesis.fetch(created, api_key=key)
done = VideoSynthesis.wait(created, api_key=key)
assert done.status_code == 200, done

print(json.dumps({
    "check_pass": detect["output"]["check_pass"],
    "created_status": created.output.task_status,
    "task_id": created.output.task_id,
    "fetched_status": fetched.output.task_status,
    "final_status": done.output.task_status,
    "video_url": (done.output.results or {}).get("video_url") if hasattr(done.output, "results") else None,
    "duration": str(done.usage["duration"]) if done.usage else None,
}))
