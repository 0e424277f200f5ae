"""Drives the gateway with DashScope's official Python SDK, adding cost-attribution tags with `headers=`.

Usage: sdk_tags.py BASE_URL SIMULATOR_URL TAGGED_KEY PLAIN_KEY   (BASE_URL ends in /api/v1)

Three phases, each a face-detect and a video task run to SUCCEEDED, with the simulator's bill read after each:
  launch    TAGGED_KEY (whose default tags are project=launch), adding X-S2V-Tags: customer=acme
  atlas     PLAIN_KEY (no default tags), adding X-S2V-Tags: project=atlas,customer=acme
  untagged  PLAIN_KEY without the header
Prints one JSON object: what the upstream billed in each phase, as exact decimal strings.
"""
import json
import sys
import urllib.request
from decimal import Decimal

import dashscope
from dashscope import VideoSynthesis

base_url, simulator_url, tagged_key, plain_key = sys.argv[1:5]
dashscope.base_http_api_url = base_url


def billed():
    with urllib.request.urlopen(simulator_url + "/sim/bill", timeout=30) as response:
        return Decimal(json.load(response)["amount"])


def detect(key, headers):
    # The SDKs have no class for face-detect: clients call it over plain HTTP, with the same headers.
    request = urllib.request.Request(
        base_url + "/services/aigc/image2video/face-detect",
        data=json.dumps({"model": "wan2.2-s2v-detect", "input": {"image_url": "https://example.com/p.jpg"}}).encode(),
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json", **headers},
    )
    answer = json.load(urllib.request.urlopen(request, timeout=60))
    assert "check_pass" in answer["output"], answer


def task(key, headers, seconds, resolution):
    created = VideoSynthesis.async_call(
        model="wan2.2-s2v",
        task="image2video",
        extra_input={
            "image_url": "https://example.com/p.jpg",
            "audio_url": "https://example.com/v.mp3?duration=" + seconds,
        },
        resolution=resolution,
        api_key=key,
        headers=headers,
    )
    assert created.status_code == 200, created
    done = VideoSynthesis.wait(created, api_key=key)
    assert done.status_code == 200 and done.output.task_status == "SUCCEEDED", done


phases = [
    ("launch", tagged_key, {"X-S2V-Tags": "customer=acme"}, "5.27", "480P"),
    ("atlas", plain_key, {"X-S2V-Tags": "project=atlas,customer=acme"}, "3.61", "720P"),
    ("untagged", plain_key, {}, "2.02", "480P"),
]
before = billed()
result = {}
for name, key, headers, seconds, resolution in phases:
    detect(key, headers)
    task(key, headers, seconds, resolution)
    after = billed()
    result[name] = str(after - before)
    before = after
print(json.dumps(result))
