// Generated from openapi.json by APIContractDocumentTests (S2V_UPDATE_OPENAPI=1); edit openapi.json instead.
extension APIContract {
    /// The text of `openapi.json`.
    static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "s2v-meter",
            "version": "1.0.0",
            "description": "s2v-meter is a cost and usage metering gateway in front of Alibaba Cloud Model Studio's (DashScope) digital-human video API (`wan2.2-s2v`, EMO, LivePortrait, VideoRetalk). Teams call it exactly as they would call DashScope (same paths under `/api/v1`, same bodies and answers, the official SDKs with only the base URL and key changed); it authenticates the team's gateway key, checks and prices the call, enforces budgets and client rate limits, forwards it with the real DashScope key, and records every charge in PostgreSQL as exact decimals. It also serves reports and the audit trail (`/v1/reports`, `/v1/audit`), an admin API for budgets and the model catalog (`/v1/budgets`, `/v1/models`), Prometheus metrics, health checks and a web dashboard.\n\n**Errors** of the JSON API use DashScope's flat body `{\"request_id\", \"code\", \"message\"}` (schema `Error`). A path no route knows, and a known path with a method it does not register, is 404 `NotFound` (the gateway never answers 405). A query parameter containing U+0000 is 400 `InvalidParameter` on every route; a body declared larger than 65536 bytes is 413 `InvalidParameter` on every route. The gateway answers 503 `ServiceUnavailable` whenever PostgreSQL cannot be reached in time (fail closed). The gateway itself never answers a 5xx because of client input; face-detect and cancel pass an upstream error on with the upstream's own status, which may be a 5xx.\n\n**JSON bodies** (face-detect, video-synthesis, `POST /v1/budgets`, `PUT /v1/models/{model}`) are read once by a strict RFC 8259 reader that refuses, with 400 `InvalidParameter`: anything but UTF-8 (a byte-order mark, UTF-16/32), a key twice in one object at any depth, trailing commas and other extensions, U+0000 anywhere (raw or escaped), unpaired surrogate escapes, raw control characters in strings, nesting deeper than 64, and numbers that cannot be held exactly (more than 38 significant digits, or magnitudes beyond 10^±90). The `Content-Type` of a request is not checked.\n\n**Money** is exact: every amount in the gateway's own JSON documents is a decimal *string* (`\"0.73325571\"`), never a float; counts are JSON integers. Task `usage` and face-detect bodies are DashScope's, with its JSON numbers.\n\n**Request ids**: every error body and every gateway-built JSON answer carries the gateway's `request_id` (a lowercase UUID). A face-detect success is the upstream's body (with the upstream's `request_id`) and carries the gateway's id in `X-S2V-Request-Id`. There is no other request-id header.\n\n**Cost attribution**: a gateway key can carry default tags (`project=launch`), a request can add tags with the `X-S2V-Tags` header (never change its key's), and a team can require tag keys. Every charge carries its call's tags; reports group by `tag:KEY` (`by=team,tag:project`), the invoice splits by one (`split=tag:cost_center`, a chargeback statement that adds up exactly to the invoice), and budgets can count a tag (`scope` `tag`).\n\nEvery request under `/api/v1` and `/v1` is recorded in the call log (`GET /v1/audit`); `/health`, `/ready`, `/metrics`, `/dashboard`, `/openapi.json` and `/docs` are not."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "tags": [
            {
              "name": "Health",
              "description": "Liveness and readiness probes."
            },
            {
              "name": "Metrics",
              "description": "Prometheus exposition."
            },
            {
              "name": "DashScope",
              "description": "DashScope-compatible calls, metered. Team keys only."
            },
            {
              "name": "Tasks",
              "description": "DashScope-compatible task reads and cancellation, answered from the store. Team keys only."
            },
            {
              "name": "Reports",
              "description": "Usage, invoices and budgets. Admin keys: every team; team keys: their own."
            },
            {
              "name": "Audit",
              "description": "The call log and the admin change log. Admin keys: every team; team keys: their own."
            },
            {
              "name": "Admin: budgets",
              "description": "Admin keys only."
            },
            {
              "name": "Admin: models",
              "description": "Admin keys only."
            },
            {
              "name": "Dashboard",
              "description": "Server-rendered HTML for browsers."
            },
            {
              "name": "Documentation",
              "description": "This document and a page rendering it."
            }
          ],
          "paths": {
            "/health": {
              "get": {
                "operationId": "getHealth",
                "tags": [
                  "Health"
                ],
                "summary": "Liveness: the process answers",
                "description": "Always 200 while the process serves requests. No key; not in the call log.",
                "security": [],
                "responses": {
                  "200": {
                    "description": "Alive.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Health"
                        },
                        "examples": {
                          "ok": {
                            "value": {
                              "status": "ok"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/QueryNUL"
                  }
                }
              }
            },
            "/ready": {
              "get": {
                "operationId": "getReady",
                "tags": [
                  "Health"
                ],
                "summary": "Readiness: database current and background services not stuck",
                "description": "200 when PostgreSQL answers within the readiness deadline, the schema is current and no background service is stuck; otherwise 503 with the same document, so an orchestrator takes the instance out of service. No key; not in the call log.",
                "security": [],
                "responses": {
                  "200": {
                    "description": "Ready.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Readiness"
                        },
                        "examples": {
                          "ready": {
                            "value": {
                              "status": "ready",
                              "database": "ok",
                              "services": {
                                "dispatch": {
                                  "state": "ok",
                                  "last_success": "2026-11-30T12:00:00Z",
                                  "seconds_without_success": 0.8,
                                  "bound_seconds": 122,
                                  "failures_since_success": 0
                                },
                                "poll": {
                                  "state": "ok",
                                  "last_success": "2026-11-30T12:00:01Z",
                                  "seconds_without_success": 0.2,
                                  "bound_seconds": 125,
                                  "failures_since_success": 0
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "Not ready (this is the readiness document, not the error body).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Readiness"
                        },
                        "examples": {
                          "database": {
                            "value": {
                              "status": "not ready",
                              "database": "timeout",
                              "detail": "database did not answer in time",
                              "services": {}
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/QueryNUL"
                  }
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "getMetrics",
                "tags": [
                  "Metrics"
                ],
                "summary": "Prometheus metrics",
                "description": "The Prometheus text exposition (`text/plain; version=0.0.4; charset=utf-8`): this instance's own metrics, then figures read from PostgreSQL at each scrape (queue depth, spend, budgets). It shows every team's spend, so by default it needs an **admin key** (no key: 401 `InvalidApiKey`; a team key: 403 `AccessDenied`; an unreachable store when checking the key: 503). A gateway started with `serve --metrics-public` serves it without a key (then only 200). Never fails for the store's sake: an unreachable store shows as `s2v_store_up 0`. Not in the call log.",
                "security": [
                  {
                    "adminKey": []
                  },
                  {}
                ],
                "responses": {
                  "200": {
                    "description": "The exposition.",
                    "content": {
                      "text/plain": {
                        "schema": {
                          "type": "string"
                        },
                        "example": "# TYPE s2v_store_up gauge\ns2v_store_up 1\n"
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/services/aigc/image2video/face-detect": {
              "post": {
                "operationId": "faceDetect",
                "tags": [
                  "DashScope"
                ],
                "summary": "Face detect (synchronous, billed per image)",
                "description": "DashScope's face-detect, metered. The body is checked against the model's catalog rules and priced; an intent with a hold of one image is committed within every budget and the team's and key's client limits; the call waits up to `--detect-wait` seconds (2) for a slot of an upstream account; then it is sent with the gateway's DashScope key. A 200 is the upstream's body as it came (charged one image, whatever the verdict). An upstream error is passed on with the upstream's status, code and message, uncharged. Team keys only: an admin key gets 403 `AccessDenied`.",
                "security": [
                  {
                    "teamKey": []
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/FaceDetectRequest"
                      },
                      "examples": {
                        "wan": {
                          "summary": "wan2.2-s2v-detect",
                          "value": {
                            "model": "wan2.2-s2v-detect",
                            "input": {
                              "image_url": "https://example.com/portrait.jpg"
                            }
                          }
                        },
                        "emo": {
                          "summary": "emo-detect-v1",
                          "value": {
                            "model": "emo-detect-v1",
                            "input": {
                              "image_url": "https://example.com/portrait.jpg"
                            },
                            "parameters": {
                              "ratio": "1:1"
                            }
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The check ran and was charged one image; the upstream's body.",
                    "headers": {
                      "X-S2V-Request-Id": {
                        "$ref": "#/components/headers/S2VRequestId"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FaceDetectResponse"
                        },
                        "examples": {
                          "passed": {
                            "value": {
                              "output": {
                                "check_pass": true,
                                "humanoid": true
                              },
                              "usage": {
                                "image_count": 1
                              },
                              "request_id": "c56f62df-1b2a-4c1e-9a3d-0a7e5b1c2d3e"
                            }
                          },
                          "emo": {
                            "value": {
                              "output": {
                                "check_pass": true,
                                "humanoid": true,
                                "face_bbox": [
                                  302,
                                  286,
                                  610,
                                  593
                                ],
                                "ext_bbox": [
                                  71,
                                  9,
                                  840,
                                  778
                                ]
                              },
                              "usage": {
                                "image_count": 1
                              },
                              "request_id": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: a bad or overriding `X-S2V-Tags` tag or a missing required tag key, a body the strict reader refuses, a missing or wrong field, an unknown model or one of the other endpoint, an unpriced model or tier, a malformed HTTP framing, a U+0000 in the query. Or an upstream 400 passed through with its own code (e.g. `InvalidParameter`, `DataInspectionFailed`, `Arrearage`), uncharged.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "field": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "input.image_url is required."
                            }
                          },
                          "model": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "Model not exist: 'nope' is not metered by this gateway."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "`InvalidApiKey`: no usable gateway key. (An upstream 401 would also be passed through.)",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "missing": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidApiKey",
                              "message": "No API-key provided."
                            }
                          }
                        }
                      }
                    }
                  },
                  "403": {
                    "description": "`AccessDenied`: an admin key (DashScope calls need a team key). `BudgetExceeded`: the image's hold does not fit a budget (nothing sent, nothing written). Or an upstream 403 passed through.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "admin": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "Admin keys manage the gateway; DashScope calls need a team key."
                            }
                          },
                          "budget": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "BudgetExceeded",
                              "message": "Budget 4 of team render-farm (month from 2026-11-01 00:00 Asia/Shanghai) would be exceeded: 0.000526 of 0.0011 USD remains and this call needs up to 0.000574 USD. It renews at 2026-12-01 00:00 Asia/Shanghai."
                            }
                          }
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/BodyTooLarge"
                  },
                  "429": {
                    "description": "`Throttling.RateQuota`: a client limit of the team or key (with `Retry-After` and `X-RateLimit-*`), or no upstream account has a face-detect slot within the wait (`Retry-After: 1`); nothing written or charged. Or an upstream 429 passed through (without these headers).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "clientLimit": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "Requests rate limit exceeded for your team (burst 20); retry after 1 s."
                            }
                          },
                          "noSlot": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "The upstream account's face-detect rate is fully used; retry in a moment."
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfter"
                      },
                      "X-RateLimit-Limit": {
                        "$ref": "#/components/headers/RateLimitLimit"
                      },
                      "X-RateLimit-Remaining": {
                        "$ref": "#/components/headers/RateLimitRemaining"
                      },
                      "X-RateLimit-Reset": {
                        "$ref": "#/components/headers/RateLimitReset"
                      }
                    }
                  },
                  "502": {
                    "description": "`InternalError`: the upstream answered 200 without `output` (the check ran and was charged), or an error status without a readable DashScope error body (uncharged).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InternalError"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "malformed": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InternalError",
                              "message": "The upstream answered with a malformed body. The check ran and was charged."
                            }
                          }
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "`ServiceUnavailable`: the store is unreachable or late (nothing sent); no upstream account is configured; the upstream could not be reached (nothing charged); the call kept missing its pacing slot (not sent, not charged); or the call was made but its outcome was not recorded within the store deadline (settled later from its record).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "ServiceUnavailable"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "store": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "ServiceUnavailable",
                              "message": "The metering store is unreachable; no call was made, please retry."
                            }
                          },
                          "upstream": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "ServiceUnavailable",
                              "message": "The upstream could not be reached; nothing was charged, please retry."
                            }
                          }
                        }
                      }
                    }
                  },
                  "504": {
                    "description": "`RequestTimeOut`: the upstream did not answer in time; the check may have run, so it was charged (conservatively) and flagged for review.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "RequestTimeOut"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "timeout": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "RequestTimeOut",
                              "message": "The upstream did not answer in time. The check may have run, so it was charged and flagged for review."
                            }
                          }
                        }
                      }
                    }
                  },
                  "default": {
                    "description": "Any other error status the upstream answered (for example 408 `RequestTimeOut` or 500 `InternalError` from DashScope), passed through with the upstream's status, code and message; uncharged.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                },
                "parameters": [
                  {
                    "name": "X-S2V-Tags",
                    "in": "header",
                    "required": false,
                    "description": "Cost-attribution tags this call adds to its key's default tags: comma-separated `key=value` pairs, e.g. `project=launch,customer=acme` (several headers are one list). Keys are 1–32 characters, a lowercase letter then lowercase letters, digits, `_`, `.` or `-`; values 1–64 letters, digits or `_ . : / @ + -`; at most 10 tags per call with the key's. A request may add keys but never change a tag its key carries, and must carry every tag key its team requires. Any of these refused: 400 `InvalidParameter`, naming the tag, before anything is held, written or sent. Every charge of the call carries its tags into the ledger, the reports (`by=tag:KEY`, `split=tag:KEY`) and the tag budgets.",
                    "schema": {
                      "type": "string",
                      "pattern": "^([ \\t]*[a-z][a-z0-9_.-]{0,31}=[A-Za-z0-9_.:/@+-]{1,64}[ \\t]*(,[ \\t]*[a-z][a-z0-9_.-]{0,31}=[A-Za-z0-9_.:/@+-]{1,64}[ \\t]*)*)?$"
                    },
                    "example": "project=launch,customer=acme"
                  }
                ]
              }
            },
            "/api/v1/services/aigc/image2video/video-synthesis": {
              "post": {
                "operationId": "createVideoSynthesisTask",
                "tags": [
                  "DashScope"
                ],
                "summary": "Submit a video generation task (asynchronous)",
                "description": "Checks the body against the model's catalog rules, prices it, and in one transaction takes the team's and key's client limits, holds the model's maximum billable seconds × the tier's price within every budget, and queues the task; then answers at once with the **gateway's** task id, PENDING. The dispatcher submits it upstream later (its upstream errors never reach this answer; the task shows them). Requires `X-DashScope-Async: enable`. Team keys only.",
                "security": [
                  {
                    "teamKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "X-DashScope-Async",
                    "in": "header",
                    "required": true,
                    "description": "Must be `enable` (compared case-insensitively). Without it, or with another value: 403 `AccessDenied` \"current user api does not support synchronous calls\", before the body is read.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "enable"
                      ]
                    }
                  },
                  {
                    "name": "X-S2V-Tags",
                    "in": "header",
                    "required": false,
                    "description": "Cost-attribution tags this call adds to its key's default tags: comma-separated `key=value` pairs, e.g. `project=launch,customer=acme` (several headers are one list). Keys are 1–32 characters, a lowercase letter then lowercase letters, digits, `_`, `.` or `-`; values 1–64 letters, digits or `_ . : / @ + -`; at most 10 tags per call with the key's. A request may add keys but never change a tag its key carries, and must carry every tag key its team requires. Any of these refused: 400 `InvalidParameter`, naming the tag, before anything is held, written or sent. Every charge of the call carries its tags into the ledger, the reports (`by=tag:KEY`, `split=tag:KEY`) and the tag budgets.",
                    "schema": {
                      "type": "string",
                      "pattern": "^([ \\t]*[a-z][a-z0-9_.-]{0,31}=[A-Za-z0-9_.:/@+-]{1,64}[ \\t]*(,[ \\t]*[a-z][a-z0-9_.-]{0,31}=[A-Za-z0-9_.:/@+-]{1,64}[ \\t]*)*)?$"
                    },
                    "example": "project=launch,customer=acme"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/VideoSynthesisRequest"
                      },
                      "examples": {
                        "wan": {
                          "summary": "wan2.2-s2v",
                          "value": {
                            "model": "wan2.2-s2v",
                            "input": {
                              "image_url": "https://example.com/portrait.jpg",
                              "audio_url": "https://example.com/voice.mp3"
                            },
                            "parameters": {
                              "resolution": "480P"
                            }
                          }
                        },
                        "emo": {
                          "summary": "emo-v1",
                          "value": {
                            "model": "emo-v1",
                            "input": {
                              "image_url": "https://example.com/portrait.jpg",
                              "audio_url": "https://example.com/voice.mp3",
                              "face_bbox": [
                                302,
                                286,
                                610,
                                593
                              ],
                              "ext_bbox": [
                                71,
                                9,
                                840,
                                778
                              ]
                            },
                            "parameters": {
                              "style_level": "normal"
                            }
                          }
                        },
                        "videoretalk": {
                          "summary": "videoretalk",
                          "value": {
                            "model": "videoretalk",
                            "input": {
                              "video_url": "https://example.com/talk.mp4",
                              "audio_url": "https://example.com/voice.mp3"
                            },
                            "parameters": {
                              "video_extension": false
                            }
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "Admitted and queued (held, not yet sent).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TaskCreated"
                        },
                        "examples": {
                          "pending": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "output": {
                                "task_id": "3f1c2a9e-6b7d-4e21-9a55-0c8f1d2b7e64",
                                "task_status": "PENDING"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: a bad or overriding `X-S2V-Tags` tag or a missing required tag key, a body the strict reader refuses, a missing or wrong field, an unknown model or one of the other endpoint, an unpriced model or tier, a malformed HTTP framing.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "field": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "input.audio_url is required."
                            }
                          },
                          "tier": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "No price for wan2.2-s2v at '1080P', parameters.resolution; it must be one of: 480P, 720P."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`AccessDenied`: an admin key, or `X-DashScope-Async: enable` missing. `BudgetExceeded`: the hold does not fit a budget (nothing written), or a budget is kept in another currency than the price.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "AccessDenied",
                                    "BudgetExceeded"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "sync": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "current user api does not support synchronous calls"
                            }
                          },
                          "admin": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "Admin keys manage the gateway; DashScope calls need a team key."
                            }
                          },
                          "budget": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "BudgetExceeded",
                              "message": "Budget 4 of team render-farm (month from 2026-11-01 00:00 Asia/Shanghai) would be exceeded: 0.91 of 500 USD remains and this call needs up to 2.58036 USD. It renews at 2026-12-01 00:00 Asia/Shanghai."
                            }
                          }
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/BodyTooLarge"
                  },
                  "429": {
                    "description": "`Throttling.RateQuota`: a client limit of the team or key (`requests_per_second`, `max_active_tasks` or `tasks_per_day`); nothing written.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "Throttling.RateQuota"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "daily": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "Daily task limit reached for your team (2000 per UTC day); it renews in 3600 s."
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfterRequired"
                      },
                      "X-RateLimit-Limit": {
                        "$ref": "#/components/headers/RateLimitLimitRequired"
                      },
                      "X-RateLimit-Remaining": {
                        "$ref": "#/components/headers/RateLimitRemainingRequired"
                      },
                      "X-RateLimit-Reset": {
                        "$ref": "#/components/headers/RateLimitResetRequired"
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/tasks/{task_id}": {
              "get": {
                "operationId": "getTask",
                "tags": [
                  "Tasks"
                ],
                "summary": "Query a task",
                "description": "Answered from the store, never from the upstream, and never charged; one statement takes the client request-rate limits, reads the task and writes the call-log row. A task of another team, an unknown id or an id that is not a UUID answers 200 with `task_status: UNKNOWN` (as DashScope does), never 404. Team keys only.",
                "security": [
                  {
                    "teamKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "task_id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string",
                      "minLength": 1,
                      "not": {
                        "enum": [
                          ".",
                          ".."
                        ]
                      }
                    },
                    "description": "The gateway's task id (a UUID, as the submission answered it). Any other text is accepted and answered as an unknown task. (`.` and `..` are excluded: HTTP clients remove such path segments, which makes another path.)",
                    "example": "3f1c2a9e-6b7d-4e21-9a55-0c8f1d2b7e64"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The task, or UNKNOWN.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TaskResponse"
                        },
                        "examples": {
                          "succeeded": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "output": {
                                "task_id": "3f1c2a9e-6b7d-4e21-9a55-0c8f1d2b7e64",
                                "task_status": "SUCCEEDED",
                                "submit_time": "2026-11-30 09:37:27.468",
                                "scheduled_time": "2026-11-30 09:37:34.885",
                                "end_time": "2026-11-30 09:40:20.734",
                                "results": {
                                  "video_url": "https://dashscope-result.example.com/video.mp4?Expires=1764581220"
                                }
                              },
                              "usage": {
                                "duration": 10.23,
                                "size": "512*640",
                                "fps": 16,
                                "video_count": 1,
                                "SR": 480
                              }
                            }
                          },
                          "unknown": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "output": {
                                "task_id": "not-a-task",
                                "task_status": "UNKNOWN"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`AccessDenied`: an admin key (task reads need a team key).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "AccessDenied"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "admin": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "Admin keys manage the gateway; DashScope calls need a team key."
                            }
                          }
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`Throttling.RateQuota`: the team's or key's request rate.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "Throttling.RateQuota"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "rate": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "Requests rate limit exceeded for this API key (burst 5); retry after 1 s."
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfterRequired"
                      },
                      "X-RateLimit-Limit": {
                        "$ref": "#/components/headers/RateLimitLimitRequired"
                      },
                      "X-RateLimit-Remaining": {
                        "$ref": "#/components/headers/RateLimitRemainingRequired"
                      },
                      "X-RateLimit-Reset": {
                        "$ref": "#/components/headers/RateLimitResetRequired"
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/tasks/{task_id}/cancel": {
              "post": {
                "operationId": "cancelTask",
                "tags": [
                  "Tasks"
                ],
                "summary": "Cancel a PENDING task",
                "description": "Only a PENDING task can be cancelled: one still in the gateway's queue is cancelled locally; one the upstream holds (submitted, PENDING there) is cancelled upstream first. Either way its hold is released. Anything else (running or finished, another team's, unknown, not a UUID) is 400 `UnsupportedOperation`, as DashScope answers. The request rate is taken before the id is read. No body. Team keys only.",
                "security": [
                  {
                    "teamKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "task_id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "description": "The gateway's task id. Text that is not a UUID is 400 `UnsupportedOperation`.",
                    "example": "3f1c2a9e-6b7d-4e21-9a55-0c8f1d2b7e64"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Cancelled; the hold is released.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/CancelResponse"
                        },
                        "examples": {
                          "cancelled": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`UnsupportedOperation`: the task is not PENDING, not the team's, unknown, or the id is not a UUID. Or an upstream 400 passed through (e.g. the task started meanwhile).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "notPending": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "UnsupportedOperation",
                              "message": "Failed to cancel the task, please confirm if the task is in PENDING status."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`AccessDenied`: an admin key. Or an upstream 403 passed through.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "admin": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "Admin keys manage the gateway; DashScope calls need a team key."
                            }
                          }
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`Throttling.RateQuota`: the team's or key's request rate (with `Retry-After` and `X-RateLimit-*`). Or an upstream 429 passed through (without them).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "rate": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "Requests rate limit exceeded for your team (burst 20); retry after 1 s."
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfter"
                      },
                      "X-RateLimit-Limit": {
                        "$ref": "#/components/headers/RateLimitLimit"
                      },
                      "X-RateLimit-Remaining": {
                        "$ref": "#/components/headers/RateLimitRemaining"
                      },
                      "X-RateLimit-Reset": {
                        "$ref": "#/components/headers/RateLimitReset"
                      }
                    }
                  },
                  "502": {
                    "description": "`InternalError`: the upstream's cancel answered an error status without a readable error body.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InternalError"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "unreadable": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InternalError",
                              "message": "The upstream answered HTTP 404 without a readable error body."
                            }
                          }
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "`ServiceUnavailable`: the store is unreachable or late, this instance cannot reach the upstream account holding the task, or the upstream could not be reached.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "ServiceUnavailable"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "upstream": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "ServiceUnavailable",
                              "message": "The upstream could not be reached to cancel the task; please retry."
                            }
                          }
                        }
                      }
                    }
                  },
                  "default": {
                    "description": "Any other error status of the upstream's cancel (e.g. 500 `InternalError`), passed through with the upstream's status, code and message.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/tasks": {
              "get": {
                "operationId": "listTasks",
                "tags": [
                  "Tasks"
                ],
                "summary": "List the team's tasks",
                "description": "The caller's team's tasks, newest admission first, from the store. The request rate is taken first. DashScope's other list filters (`start_time`, `end_time`, `model_name`, `status`, ...) are not read (ignored). Team keys only.",
                "security": [
                  {
                    "teamKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "page_no",
                    "in": "query",
                    "required": false,
                    "description": "Page number, from 1. An empty value is refused.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000000,
                      "default": 1
                    }
                  },
                  {
                    "name": "page_size",
                    "in": "query",
                    "required": false,
                    "description": "Tasks per page. An empty value is refused.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 100,
                      "default": 10
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "One page.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TaskList"
                        },
                        "examples": {
                          "page": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "total": 1,
                              "page_no": 1,
                              "page_size": 10,
                              "data": [
                                {
                                  "task_id": "3f1c2a9e-6b7d-4e21-9a55-0c8f1d2b7e64",
                                  "task_status": "RUNNING",
                                  "submit_time": "2026-11-30 09:37:27.468",
                                  "scheduled_time": "2026-11-30 09:37:34.885"
                                }
                              ]
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: `page_no` or `page_size` not a whole number in range (or a U+0000 in the query).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "page": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "page_size must be a whole number from 1 to 100."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`AccessDenied`: an admin key.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "AccessDenied"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "admin": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "AccessDenied",
                              "message": "Admin keys manage the gateway; DashScope calls need a team key."
                            }
                          }
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`Throttling.RateQuota`: the team's or key's request rate.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "Throttling.RateQuota"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "rate": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "Throttling.RateQuota",
                              "message": "Requests rate limit exceeded for your team (burst 20); retry after 1 s."
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Retry-After": {
                        "$ref": "#/components/headers/RetryAfterRequired"
                      },
                      "X-RateLimit-Limit": {
                        "$ref": "#/components/headers/RateLimitLimitRequired"
                      },
                      "X-RateLimit-Remaining": {
                        "$ref": "#/components/headers/RateLimitRemainingRequired"
                      },
                      "X-RateLimit-Reset": {
                        "$ref": "#/components/headers/RateLimitResetRequired"
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/reports/usage": {
              "get": {
                "operationId": "getUsageReport",
                "tags": [
                  "Reports"
                ],
                "summary": "Usage report",
                "description": "Calls, images, seconds, tasks succeeded/failed and cost for UTC days [`from`, `to`), grouped by any of team, key, model, tier, day, month; read from the daily rollups. Admin keys see every team (or `team`); team keys their own. Formats: json, csv, table.",
                "security": [
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "from",
                    "in": "query",
                    "required": false,
                    "description": "First UTC day, `YYYY-MM-DD` (years 0001–9999); default the first day of the current month. Must be before `to`. An empty value is refused.",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  },
                  {
                    "name": "to",
                    "in": "query",
                    "required": false,
                    "description": "The day after the last (exclusive); default tomorrow. An empty value is refused.",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  },
                  {
                    "name": "by",
                    "in": "query",
                    "required": false,
                    "description": "Comma-separated dimensions, each of team, key, model, tier, day, month, or `tag:KEY` for the value of a cost-attribution tag (repeats count once; spaces around items and empty items are ignored). A `tag:KEY` member is `\"\"` for spend without that tag, never dropped. Empty: one row of totals.",
                    "schema": {
                      "type": "string",
                      "pattern": "^((team|key|model|tier|day|month|tag:[a-z][a-z0-9_.-]{0,31})(,(team|key|model|tier|day|month|tag:[a-z][a-z0-9_.-]{0,31}))*)?$",
                      "default": "team,model,tier"
                    },
                    "example": "team,tag:project"
                  },
                  {
                    "name": "team",
                    "in": "query",
                    "required": false,
                    "description": "Admin keys: narrow to this team (by name); absent or empty: every team. Team keys: only their own team's name is accepted (the report is always their own team); any other name is 400 as if it did not exist.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "Rendering. Without it (or empty), the `Accept` header decides: `text/csv` → csv, `text/plain` → table, else JSON. Matched case-insensitively.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "json",
                        "csv",
                        "table"
                      ]
                    },
                    "allowEmptyValue": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The report, in the requested format.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/UsageReport"
                        },
                        "examples": {
                          "json": {
                            "value": {
                              "from": "2026-11-01",
                              "to": "2026-12-01",
                              "attributed_by": "admission",
                              "rows": [
                                {
                                  "team": "render-farm",
                                  "model": "wan2.2-s2v",
                                  "tier": "480P",
                                  "calls": 3,
                                  "images": 0,
                                  "seconds": "10.23",
                                  "tasks_succeeded": 1,
                                  "tasks_failed": 0,
                                  "cost": "0.73325571"
                                },
                                {
                                  "team": "render-farm",
                                  "model": "wan2.2-s2v-detect",
                                  "tier": "",
                                  "calls": 1,
                                  "images": 1,
                                  "seconds": "0",
                                  "tasks_succeeded": 0,
                                  "tasks_failed": 0,
                                  "cost": "0.000574"
                                }
                              ],
                              "total": {
                                "cost": "0.73382971"
                              }
                            }
                          }
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string",
                          "description": "RFC 4180 CSV with a header row; amounts exact."
                        },
                        "example": "team,model,tier,calls,images,seconds,tasks_succeeded,tasks_failed,cost\r\nrender-farm,wan2.2-s2v,480P,3,0,10.23,1,0,0.73325571\r\n"
                      },
                      "text/plain": {
                        "schema": {
                          "type": "string",
                          "description": "A text table for people."
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/ReportInvalid"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/reports/invoice": {
              "get": {
                "operationId": "getInvoice",
                "tags": [
                  "Reports"
                ],
                "summary": "Monthly statement",
                "description": "One UTC calendar month of admissions, per team: quantity × unit price = amount per model, tier and price version; conservative charges flagged; totals. Formats: json, csv, table, html (printable).",
                "security": [
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "month",
                    "in": "query",
                    "required": false,
                    "description": "`YYYY-MM`, 1970 or later; default the current UTC month. An empty value is refused.",
                    "schema": {
                      "type": "string",
                      "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$"
                    },
                    "example": "2026-11"
                  },
                  {
                    "name": "team",
                    "in": "query",
                    "required": false,
                    "description": "Admin keys: narrow to this team (by name); absent or empty: every team. Team keys: only their own team's name is accepted (the report is always their own team); any other name is 400 as if it did not exist.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "split",
                    "in": "query",
                    "required": false,
                    "description": "`tag:KEY`: a chargeback statement. Each team's lines are split by the value of that tag, one section per value (sorted) plus one for the team's charges without it (`tag_value` `\"\"`, `untagged` true, last); each team's sections add up exactly to its plain statement. CSV gets a `tag:KEY` column after `team`; HTML a heading and a subtotal per section. Empty: a plain statement.",
                    "schema": {
                      "type": "string",
                      "pattern": "^(tag:[a-z][a-z0-9_.-]{0,31})?$"
                    },
                    "allowEmptyValue": true,
                    "example": "tag:cost_center"
                  },
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "Rendering. Without it (or empty), the `Accept` header decides: `text/csv` → csv, `text/plain` → table, `text/html` → html, else JSON. Matched case-insensitively.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "json",
                        "csv",
                        "table",
                        "html"
                      ]
                    },
                    "allowEmptyValue": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The statement, in the requested format.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Invoice"
                        },
                        "examples": {
                          "json": {
                            "value": {
                              "month": "2026-11",
                              "attributed_by": "admission",
                              "period": {
                                "from": "2026-11-01T00:00:00Z",
                                "to": "2026-12-01T00:00:00Z"
                              },
                              "teams": [
                                {
                                  "team": "render-farm",
                                  "lines": [
                                    {
                                      "model": "wan2.2-s2v",
                                      "tier": "480P",
                                      "unit": "second",
                                      "quantity": "10.23",
                                      "unit_price": "0.071677",
                                      "amount": "0.73325571",
                                      "items": 1,
                                      "price_id": 2,
                                      "conservative": false
                                    }
                                  ],
                                  "total": {
                                    "cost": "0.73325571",
                                    "conservative_cost": "0",
                                    "currency": "USD"
                                  }
                                }
                              ],
                              "prices": [
                                {
                                  "id": 2,
                                  "model": "wan2.2-s2v",
                                  "tier": "480P",
                                  "unit": "second",
                                  "unit_price": "0.071677",
                                  "currency": "USD",
                                  "effective_from": "2025-01-01T00:00:00Z"
                                }
                              ],
                              "total": {
                                "cost": "0.73325571",
                                "conservative_cost": "0",
                                "currency": "USD"
                              }
                            }
                          }
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string",
                          "description": "RFC 4180 CSV with a header row; amounts exact."
                        },
                        "example": "month,team,model,tier,unit,quantity,unit_price,amount,currency,items,price_id,price_effective_from,conservative\r\n2026-11,render-farm,wan2.2-s2v,480P,second,10.23,0.071677,0.73325571,USD,1,2,2025-01-01T00:00:00Z,false\r\n"
                      },
                      "text/plain": {
                        "schema": {
                          "type": "string",
                          "description": "A text table for people."
                        }
                      },
                      "text/html": {
                        "schema": {
                          "type": "string",
                          "description": "A printable page."
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/ReportInvalid"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/reports/budgets": {
              "get": {
                "operationId": "getBudgetReport",
                "tags": [
                  "Reports"
                ],
                "summary": "Budget status report",
                "description": "Every budget the caller may see, with this period's figures and a forecast to the period's end. A team key (or an admin key naming a team) sees that team's and its keys' budgets, never the gateway-wide ones. Formats: json, csv, table.",
                "security": [
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "team",
                    "in": "query",
                    "required": false,
                    "description": "Admin keys: narrow to this team (by name); absent or empty: every team. Team keys: only their own team's name is accepted (the report is always their own team); any other name is 400 as if it did not exist.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "Rendering. Without it (or empty), the `Accept` header decides: `text/csv` → csv, `text/plain` → table, else JSON. Matched case-insensitively.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "json",
                        "csv",
                        "table"
                      ]
                    },
                    "allowEmptyValue": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The report, in the requested format.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetReport"
                        },
                        "examples": {
                          "json": {
                            "value": {
                              "budgets": [
                                {
                                  "id": 4,
                                  "scope": "team",
                                  "team": "render-farm",
                                  "period": "month",
                                  "timezone": "Asia/Shanghai",
                                  "currency": "USD",
                                  "period_start": "2026-11-01T00:00:00+08:00",
                                  "period_end": "2026-12-01T00:00:00+08:00",
                                  "limit": "500",
                                  "spent": "398.1",
                                  "held": "2.86708",
                                  "remaining": "99.03292",
                                  "percent_used": "80.19",
                                  "forecast": "492.114512",
                                  "forecast_exceeds_limit": false,
                                  "as_of": "2026-11-25T09:30:00+08:00",
                                  "alert_thresholds": [
                                    "50",
                                    "80",
                                    "100"
                                  ],
                                  "webhook_url": "https://hooks.example.com/s2v",
                                  "webhook_format": "json"
                                }
                              ]
                            }
                          }
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string",
                          "description": "RFC 4180 CSV with a header row; amounts exact."
                        }
                      },
                      "text/plain": {
                        "schema": {
                          "type": "string",
                          "description": "A text table for people."
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/ReportInvalid"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/audit": {
              "get": {
                "operationId": "listAuditCalls",
                "tags": [
                  "Audit"
                ],
                "summary": "Call audit trail",
                "description": "Every client request under `/api/v1` and `/v1`, metered or refused, newest first, `limit` rows a page; the next page starts at `cursor` (`next_cursor` in JSON, `X-Next-Cursor` header). Admin keys see every team (or `team`); team keys their own. Formats: json, csv, table. Empty values count as absent.",
                "security": [
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "team",
                    "in": "query",
                    "required": false,
                    "description": "Admin keys: narrow to this team (by name); absent or empty: every team. Team keys: only their own team's name is accepted (the report is always their own team); any other name is 400 as if it did not exist.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "key_id",
                    "in": "query",
                    "required": false,
                    "description": "Only this key's calls.",
                    "schema": {
                      "type": "integer",
                      "format": "int64",
                      "minimum": 1,
                      "maximum": 9223372036854775807
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "model",
                    "in": "query",
                    "required": false,
                    "description": "Only calls of this model.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "An HTTP status (`403`, 100–599) or a class (`4xx`).",
                    "schema": {
                      "type": "string",
                      "pattern": "^([1-5][xX][xX]|[1-5][0-9][0-9])$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "error_code",
                    "in": "query",
                    "required": false,
                    "description": "Only calls answered with this error code.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "task_id",
                    "in": "query",
                    "required": false,
                    "description": "Only calls about this task.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "from",
                    "in": "query",
                    "required": false,
                    "description": "Only rows at or after: an ISO 8601 instant with a zone (`2026-11-30T08:00:00Z`) or a UTC day (`2026-11-30`, its first instant); years 0001–9999.",
                    "schema": {
                      "type": "string",
                      "anyOf": [
                        {
                          "format": "date-time"
                        },
                        {
                          "format": "date"
                        }
                      ]
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "to",
                    "in": "query",
                    "required": false,
                    "description": "Only rows before (exclusive); same forms as `from`.",
                    "schema": {
                      "type": "string",
                      "anyOf": [
                        {
                          "format": "date-time"
                        },
                        {
                          "format": "date"
                        }
                      ]
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "Continue below this row: `next_cursor` of the previous page.",
                    "schema": {
                      "type": "integer",
                      "format": "int64",
                      "minimum": 1,
                      "maximum": 9223372036854775807
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Rows per page.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000,
                      "default": 100
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "Rendering. Without it (or empty), the `Accept` header decides: `text/csv` → csv, `text/plain` → table, else JSON. Matched case-insensitively.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "json",
                        "csv",
                        "table"
                      ]
                    },
                    "allowEmptyValue": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page, in the requested format.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "X-Next-Cursor": {
                        "$ref": "#/components/headers/NextCursor"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/AuditCalls"
                        },
                        "examples": {
                          "json": {
                            "value": {
                              "calls": [
                                {
                                  "id": "1042",
                                  "at": "2026-11-30T12:00:00.123Z",
                                  "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                                  "team": "render-farm",
                                  "key_id": "7",
                                  "key_prefix": "s2v_AbCdEfGh",
                                  "method": "POST",
                                  "endpoint": "/api/v1/services/aigc/image2video/face-detect",
                                  "model": "wan2.2-s2v-detect",
                                  "tier": "",
                                  "task_id": "",
                                  "upstream_request_id": "c56f62df-1b2a-4c1e-9a3d-0a7e5b1c2d3e",
                                  "http_status": "200",
                                  "error_code": "",
                                  "latency_ms": "412.587",
                                  "cost": "0.000574"
                                }
                              ],
                              "next_cursor": "1041"
                            }
                          }
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string",
                          "description": "RFC 4180 CSV with a header row; amounts exact."
                        }
                      },
                      "text/plain": {
                        "schema": {
                          "type": "string",
                          "description": "A text table for people."
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/ReportInvalid"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/audit/changes": {
              "get": {
                "operationId": "listAuditChanges",
                "tags": [
                  "Audit"
                ],
                "summary": "Admin change log",
                "description": "Every change to teams, keys, budgets, prices, client limits, upstream accounts and models: who, when, the row before and after. Newest first, cursor-paged like `/v1/audit`. Formats: json, csv, table. Empty values count as absent.",
                "security": [
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "team",
                    "in": "query",
                    "required": false,
                    "description": "Admin keys: narrow to this team (by name); absent or empty: every team. Team keys: only their own team's name is accepted (the report is always their own team); any other name is 400 as if it did not exist.",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "object",
                    "in": "query",
                    "required": false,
                    "description": "Only changes of this kind of object (matched exactly).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "team",
                        "key",
                        "budget",
                        "price",
                        "limit",
                        "account",
                        "model"
                      ]
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "from",
                    "in": "query",
                    "required": false,
                    "description": "Only rows at or after: an ISO 8601 instant with a zone (`2026-11-30T08:00:00Z`) or a UTC day (`2026-11-30`, its first instant); years 0001–9999.",
                    "schema": {
                      "type": "string",
                      "anyOf": [
                        {
                          "format": "date-time"
                        },
                        {
                          "format": "date"
                        }
                      ]
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "to",
                    "in": "query",
                    "required": false,
                    "description": "Only rows before (exclusive); same forms as `from`.",
                    "schema": {
                      "type": "string",
                      "anyOf": [
                        {
                          "format": "date-time"
                        },
                        {
                          "format": "date"
                        }
                      ]
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "Continue below this row: `next_cursor` of the previous page.",
                    "schema": {
                      "type": "integer",
                      "format": "int64",
                      "minimum": 1,
                      "maximum": 9223372036854775807
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Rows per page.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 1000,
                      "default": 100
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "format",
                    "in": "query",
                    "required": false,
                    "description": "Rendering. Without it (or empty), the `Accept` header decides: `text/csv` → csv, `text/plain` → table, else JSON. Matched case-insensitively.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "json",
                        "csv",
                        "table"
                      ]
                    },
                    "allowEmptyValue": true
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page, in the requested format.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "X-Next-Cursor": {
                        "$ref": "#/components/headers/NextCursor"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/AuditChanges"
                        },
                        "examples": {
                          "json": {
                            "value": {
                              "changes": [
                                {
                                  "id": "88",
                                  "at": "2026-11-25T01:30:00.456Z",
                                  "actor": "key:3",
                                  "object": "budget",
                                  "object_id": "4",
                                  "action": "update",
                                  "team": "render-farm",
                                  "before": {
                                    "id": 4,
                                    "limit_amount": 400,
                                    "period": "month"
                                  },
                                  "after": {
                                    "id": 4,
                                    "limit_amount": 500,
                                    "period": "month"
                                  }
                                }
                              ],
                              "next_cursor": null
                            }
                          }
                        }
                      },
                      "text/csv": {
                        "schema": {
                          "type": "string",
                          "description": "RFC 4180 CSV with a header row; amounts exact."
                        }
                      },
                      "text/plain": {
                        "schema": {
                          "type": "string",
                          "description": "A text table for people."
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/ReportInvalid"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/budgets": {
              "get": {
                "operationId": "listBudgets",
                "tags": [
                  "Admin: budgets"
                ],
                "summary": "List budgets with their current period",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Every live budget.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetList"
                        },
                        "examples": {
                          "list": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "budgets": [
                                {
                                  "id": 4,
                                  "scope": "team",
                                  "team": "render-farm",
                                  "period": "month",
                                  "timezone": "Asia/Shanghai",
                                  "currency": "USD",
                                  "period_start": "2026-11-01T00:00:00+08:00",
                                  "period_end": "2026-12-01T00:00:00+08:00",
                                  "limit": "500",
                                  "spent": "398.1",
                                  "held": "2.86708",
                                  "remaining": "99.03292",
                                  "percent_used": "80.19",
                                  "forecast": "492.114512",
                                  "forecast_exceeds_limit": false,
                                  "as_of": "2026-11-25T09:30:00+08:00",
                                  "alert_thresholds": [
                                    "50",
                                    "80",
                                    "100"
                                  ],
                                  "webhook_url": "https://hooks.example.com/s2v",
                                  "webhook_format": "json"
                                }
                              ]
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "post": {
                "operationId": "setBudget",
                "tags": [
                  "Admin: budgets"
                ],
                "summary": "Create or change a budget",
                "description": "Creates a budget (201), or changes the live one with the same scope, period and time zone (200). The change is recorded in the audit trail as `key:<id>`.",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/BudgetRequest"
                      },
                      "examples": {
                        "team": {
                          "summary": "A team's monthly budget",
                          "value": {
                            "scope": "team",
                            "team": "render-farm",
                            "limit": "500",
                            "period": "month",
                            "timezone": "Asia/Shanghai",
                            "alert_thresholds": [
                              50,
                              80,
                              100
                            ],
                            "webhook_url": "https://hooks.example.com/s2v",
                            "webhook_format": "json"
                          }
                        },
                        "global": {
                          "summary": "A gateway-wide daily budget",
                          "value": {
                            "scope": "global",
                            "limit": 20000,
                            "period": "day"
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "An existing budget was changed.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetSingle"
                        },
                        "examples": {
                          "changed": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "created": false,
                              "budget": {
                                "id": 4,
                                "scope": "team",
                                "team": "render-farm",
                                "period": "month",
                                "timezone": "Asia/Shanghai",
                                "currency": "USD",
                                "period_start": "2026-11-01T00:00:00+08:00",
                                "period_end": "2026-12-01T00:00:00+08:00",
                                "limit": "500",
                                "spent": "398.1",
                                "held": "2.86708",
                                "remaining": "99.03292",
                                "percent_used": "80.19",
                                "forecast": "492.114512",
                                "forecast_exceeds_limit": false,
                                "as_of": "2026-11-25T09:30:00+08:00",
                                "alert_thresholds": [
                                  "50",
                                  "80",
                                  "100"
                                ],
                                "webhook_url": "https://hooks.example.com/s2v",
                                "webhook_format": "json"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "201": {
                    "description": "A new budget was created.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetSingle"
                        },
                        "examples": {
                          "created": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "created": true,
                              "budget": {
                                "id": 4,
                                "scope": "team",
                                "team": "render-farm",
                                "period": "month",
                                "timezone": "Asia/Shanghai",
                                "currency": "USD",
                                "period_start": "2026-11-01T00:00:00+08:00",
                                "period_end": "2026-12-01T00:00:00+08:00",
                                "limit": "500",
                                "spent": "398.1",
                                "held": "2.86708",
                                "remaining": "99.03292",
                                "percent_used": "80.19",
                                "forecast": "492.114512",
                                "forecast_exceeds_limit": false,
                                "as_of": "2026-11-25T09:30:00+08:00",
                                "alert_thresholds": [
                                  "50",
                                  "80",
                                  "100"
                                ],
                                "webhook_url": "https://hooks.example.com/s2v",
                                "webhook_format": "json"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: the body is not accepted JSON or lacks scope, limit or period; an unknown scope, period or webhook format; a limit that is not a plain decimal from 0 to 10^12 with at most 8 places; a time zone that is not a canonical IANA name PostgreSQL knows; thresholds outside (0, 1000]; a webhook URL refused by the address rule; an unknown team or key, or an admin key.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "team": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "There is no team named 'nobody'."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "413": {
                    "$ref": "#/components/responses/BodyTooLarge"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/budgets/{budget_id}": {
              "get": {
                "operationId": "getBudget",
                "tags": [
                  "Admin: budgets"
                ],
                "summary": "One budget with its current period",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "budget_id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "format": "int64",
                      "minimum": -9223372036854775808,
                      "maximum": 9223372036854775807
                    },
                    "description": "The budget's id (a whole number fitting 64 bits; a negative or unknown id is 404). Text that is not such a number is 400 `InvalidParameter`.",
                    "example": 4
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The budget.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetSingle"
                        },
                        "examples": {
                          "budget": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "budget": {
                                "id": 4,
                                "scope": "team",
                                "team": "render-farm",
                                "period": "month",
                                "timezone": "Asia/Shanghai",
                                "currency": "USD",
                                "period_start": "2026-11-01T00:00:00+08:00",
                                "period_end": "2026-12-01T00:00:00+08:00",
                                "limit": "500",
                                "spent": "398.1",
                                "held": "2.86708",
                                "remaining": "99.03292",
                                "percent_used": "80.19",
                                "forecast": "492.114512",
                                "forecast_exceeds_limit": false,
                                "as_of": "2026-11-25T09:30:00+08:00",
                                "alert_thresholds": [
                                  "50",
                                  "80",
                                  "100"
                                ],
                                "webhook_url": "https://hooks.example.com/s2v",
                                "webhook_format": "json"
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: the id is not a whole number.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "id": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "'abc' is not a budget id."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "404": {
                    "description": "`NotFound`: no live budget with this id.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "NotFound"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "unknown": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "NotFound",
                              "message": "There is no budget with id 4."
                            }
                          }
                        }
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "delete": {
                "operationId": "deleteBudget",
                "tags": [
                  "Admin: budgets"
                ],
                "summary": "Delete a budget",
                "description": "The budget stops counting and refusing at once; its history stays. Recorded in the audit trail.",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "budget_id",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "format": "int64",
                      "minimum": -9223372036854775808,
                      "maximum": 9223372036854775807
                    },
                    "description": "The budget's id (a whole number fitting 64 bits; a negative or unknown id is 404). Text that is not such a number is 400 `InvalidParameter`.",
                    "example": 4
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Deleted.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/BudgetDeleted"
                        },
                        "examples": {
                          "deleted": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "deleted": 4
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: the id is not a whole number.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "id": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "'abc' is not a budget id."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "404": {
                    "description": "`NotFound`: no live budget with this id.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "NotFound"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "unknown": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "NotFound",
                              "message": "There is no budget with id 4."
                            }
                          }
                        }
                      }
                    }
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/models": {
              "get": {
                "operationId": "listModels",
                "tags": [
                  "Admin: models"
                ],
                "summary": "The model catalog with the prices in force",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Every model.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ModelCatalog"
                        },
                        "examples": {
                          "catalog": {
                            "value": {
                              "models": [
                                {
                                  "model": "wan2.2-s2v",
                                  "kind": "generation",
                                  "endpoint": "image2video/video-synthesis",
                                  "inputs": {
                                    "image_url": {
                                      "type": "url",
                                      "required": true,
                                      "aliases": [
                                        "img_url"
                                      ]
                                    },
                                    "audio_url": {
                                      "type": "url",
                                      "required": true
                                    }
                                  },
                                  "parameters": {
                                    "resolution": {
                                      "type": "text"
                                    }
                                  },
                                  "tier_source": "parameter",
                                  "tier_field": "resolution",
                                  "default_tier": "480P",
                                  "billed_usage_fields": [
                                    "duration",
                                    "video_duration"
                                  ],
                                  "max_billable_seconds": "20",
                                  "submissions_per_second": 5,
                                  "max_concurrent_tasks": 1,
                                  "prices": [
                                    {
                                      "tier": "480P",
                                      "unit": "second",
                                      "unit_price": "0.071677",
                                      "currency": "USD",
                                      "effective_from": "2025-01-01T00:00:00Z",
                                      "note": ""
                                    },
                                    {
                                      "tier": "720P",
                                      "unit": "second",
                                      "unit_price": "0.129018",
                                      "currency": "USD",
                                      "effective_from": "2025-01-01T00:00:00Z",
                                      "note": ""
                                    }
                                  ]
                                }
                              ]
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/v1/models/{model}": {
              "put": {
                "operationId": "setModel",
                "tags": [
                  "Admin: models"
                ],
                "summary": "Add a model of a known shape, or change a model's figures",
                "description": "Adds `model` shaped like `like`, or changes an existing model's figures. A new model has no price until an administrator sets one with the CLI (`s2v-meter prices set`); until then calls to it are 400. Recorded in the audit trail; running gateways use the change on their next call.",
                "security": [
                  {
                    "adminKey": []
                  }
                ],
                "parameters": [
                  {
                    "name": "model",
                    "in": "path",
                    "required": true,
                    "schema": {
                      "type": "string",
                      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
                    },
                    "description": "The model's name: 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit.",
                    "example": "wan2.5-s2v"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/ModelChangeRequest"
                      },
                      "examples": {
                        "new": {
                          "summary": "A new model shaped like wan2.2-s2v",
                          "value": {
                            "like": "wan2.2-s2v",
                            "max_billable_seconds": "30"
                          }
                        },
                        "limits": {
                          "summary": "Change an existing model's limits",
                          "value": {
                            "submissions_per_second": 2,
                            "max_concurrent_tasks": 3
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The catalog entry as stored (one model).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ModelCatalog"
                        },
                        "examples": {
                          "stored": {
                            "value": {
                              "models": [
                                {
                                  "model": "wan2.5-s2v",
                                  "kind": "generation",
                                  "endpoint": "image2video/video-synthesis",
                                  "inputs": {
                                    "image_url": {
                                      "type": "url",
                                      "required": true,
                                      "aliases": [
                                        "img_url"
                                      ]
                                    },
                                    "audio_url": {
                                      "type": "url",
                                      "required": true
                                    }
                                  },
                                  "parameters": {
                                    "resolution": {
                                      "type": "text"
                                    }
                                  },
                                  "tier_source": "parameter",
                                  "tier_field": "resolution",
                                  "default_tier": "480P",
                                  "billed_usage_fields": [
                                    "duration",
                                    "video_duration"
                                  ],
                                  "max_billable_seconds": "30",
                                  "submissions_per_second": 5,
                                  "max_concurrent_tasks": 1,
                                  "prices": []
                                }
                              ]
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`InvalidParameter`: not a JSON object, an unknown member, a wrong type, a model that does not exist without `like` (or a `like` that does not exist), a kind change, a name outside the pattern, or figures outside the catalog's rules.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        },
                        "examples": {
                          "unknown": {
                            "value": {
                              "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                              "code": "InvalidParameter",
                              "message": "Unknown field 'price'; accepted: default_tier, like, max_billable_seconds, max_concurrent_tasks, submissions_per_second."
                            }
                          }
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/AdminOnly"
                  },
                  "413": {
                    "$ref": "#/components/responses/BodyTooLarge"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/dashboard": {
              "get": {
                "operationId": "getDashboard",
                "tags": [
                  "Dashboard"
                ],
                "summary": "The web dashboard (HTML)",
                "description": "Server-rendered HTML, no script. Credentials: `Authorization: Bearer <gateway key>` (for curl), else the session cookie `s2v_dashboard`; both are checked against the store on every request. Without either: the sign-in form (200). With credentials that do not work: the form again with a message (401). Signed in: spend per UTC day and per team, budget gauges, the last 50 calls; an admin key sees every team, a team key its own. Not in the call log.",
                "security": [
                  {},
                  {
                    "teamKey": []
                  },
                  {
                    "adminKey": []
                  },
                  {
                    "dashboardSession": []
                  }
                ],
                "parameters": [
                  {
                    "name": "days",
                    "in": "query",
                    "required": false,
                    "description": "The range in UTC days, clamped to 1–366; a value that is not a whole number is ignored (30). A U+0000 in it is refused (400, JSON).",
                    "schema": {
                      "anyOf": [
                        {
                          "type": "integer"
                        },
                        {
                          "type": "string",
                          "pattern": "^[^\\u0000]*$"
                        }
                      ],
                      "default": 30
                    }
                  },
                  {
                    "name": "tag",
                    "in": "query",
                    "required": false,
                    "description": "A cost-attribution tag key: the page adds spend by that tag's values (untagged included) over the range. Empty: none. A key that breaks the tag rules is 400 (an HTML page).",
                    "schema": {
                      "type": "string",
                      "pattern": "^[^\\u0000]*$"
                    },
                    "allowEmptyValue": true
                  },
                  {
                    "name": "X-Forwarded-Proto",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "`https` from a TLS-terminating proxy marks the cookies the gateway sets `Secure`."
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The dashboard, or the sign-in form when no credentials were sent.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        },
                        "example": "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sign in · s2v-meter</title>\n</head>\n<body>\n<form class=\"sign-in\" method=\"post\" action=\"/dashboard/login\">\n<input id=\"key\" name=\"key\" type=\"password\" required>\n<button type=\"submit\">Sign in</button>\n</form>\n</body>\n</html>"
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  },
                  "400": {
                    "description": "A query parameter holds U+0000: refused before the dashboard's handler, with the JSON error body. Signed in, a `tag` that is not a valid tag key: an HTML error page saying what a key may be.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        }
                      },
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "401": {
                    "description": "The `Authorization` header is not `Bearer <key>`, the key is unknown or revoked, or the session ended: the sign-in form with the reason.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      },
                      "Set-Cookie": {
                        "description": "Sent only when the request carried a session cookie: clears it (`s2v_dashboard=deleted; Max-Age=0; Path=/dashboard; HttpOnly; SameSite=Strict`).",
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "The store did not answer in time or is unreachable: an HTML error page.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  }
                }
              }
            },
            "/dashboard/login": {
              "post": {
                "operationId": "dashboardLogin",
                "tags": [
                  "Dashboard"
                ],
                "summary": "Sign in with a gateway key",
                "description": "Checks the posted key; on success stores a session (12 hours) and redirects to the dashboard with the session cookie. A post another site made the browser send is refused (403) before the body is read.",
                "security": [],
                "parameters": [
                  {
                    "name": "Sec-Fetch-Site",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "enum": [
                        "same-origin",
                        "none",
                        "same-site",
                        "cross-site"
                      ]
                    },
                    "description": "Fetch metadata sent by browsers. When present it must be `same-origin` or `none` (case-insensitive); any other value is refused with 403."
                  },
                  {
                    "name": "Origin",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "When present, must name the scheme's host and port the request was sent to (`Host`, or `X-Forwarded-Host`); `null` never matches; otherwise 403."
                  },
                  {
                    "name": "X-Forwarded-Host",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "Set by a proxy: the host `Origin` must match (its first value)."
                  },
                  {
                    "name": "X-Forwarded-Proto",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "`https` from a TLS-terminating proxy marks the cookies the gateway sets `Secure`."
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/x-www-form-urlencoded": {
                      "schema": {
                        "type": "object",
                        "required": [
                          "key"
                        ],
                        "properties": {
                          "key": {
                            "type": "string",
                            "description": "A gateway key (admin or team); surrounding whitespace is ignored."
                          }
                        }
                      },
                      "examples": {
                        "key": {
                          "value": {
                            "key": "s2v_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "303": {
                    "description": "Signed in: go to the dashboard.",
                    "headers": {
                      "Location": {
                        "required": true,
                        "description": "`/dashboard`.",
                        "schema": {
                          "type": "string",
                          "const": "/dashboard"
                        }
                      },
                      "Set-Cookie": {
                        "required": true,
                        "description": "`s2v_dashboard=<token>; Max-Age=43200; Path=/dashboard; HttpOnly; SameSite=Strict` (plus `Secure` behind `X-Forwarded-Proto: https`).",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      }
                    }
                  },
                  "401": {
                    "description": "No key in the form (or a body that is not a form), or a key that is unknown or revoked: the sign-in form with the reason.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  },
                  "403": {
                    "description": "A cross-site post (`Sec-Fetch-Site` or `Origin` says another site): an HTML error page; no session is created.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  },
                  "413": {
                    "description": "The body is too large: over 16384 bytes as it arrives (HTML page), or a declared `Content-Length` over 65536 bytes (refused before the handler, JSON error body).",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/Error"
                            },
                            {
                              "properties": {
                                "code": {
                                  "enum": [
                                    "InvalidParameter"
                                  ]
                                }
                              }
                            }
                          ]
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "The store did not answer in time or is unreachable: an HTML error page.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  }
                }
              }
            },
            "/dashboard/logout": {
              "post": {
                "operationId": "dashboardLogout",
                "tags": [
                  "Dashboard"
                ],
                "summary": "Sign out",
                "description": "Deletes the session of the cookie (if any), clears the cookie and redirects to the sign-in form. No body is read. Cross-site posts are refused (403).",
                "security": [
                  {},
                  {
                    "dashboardSession": []
                  }
                ],
                "parameters": [
                  {
                    "name": "Sec-Fetch-Site",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "enum": [
                        "same-origin",
                        "none",
                        "same-site",
                        "cross-site"
                      ]
                    },
                    "description": "Fetch metadata sent by browsers. When present it must be `same-origin` or `none` (case-insensitive); any other value is refused with 403."
                  },
                  {
                    "name": "Origin",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "When present, must name the scheme's host and port the request was sent to (`Host`, or `X-Forwarded-Host`); `null` never matches; otherwise 403."
                  },
                  {
                    "name": "X-Forwarded-Host",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "Set by a proxy: the host `Origin` must match (its first value)."
                  },
                  {
                    "name": "X-Forwarded-Proto",
                    "in": "header",
                    "required": false,
                    "schema": {
                      "type": "string"
                    },
                    "description": "`https` from a TLS-terminating proxy marks the cookies the gateway sets `Secure`."
                  }
                ],
                "responses": {
                  "303": {
                    "description": "Signed out.",
                    "headers": {
                      "Location": {
                        "required": true,
                        "description": "`/dashboard`.",
                        "schema": {
                          "type": "string",
                          "const": "/dashboard"
                        }
                      },
                      "Set-Cookie": {
                        "required": true,
                        "description": "`s2v_dashboard=deleted; Max-Age=0; Path=/dashboard; HttpOnly; SameSite=Strict`.",
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      }
                    }
                  },
                  "403": {
                    "description": "A cross-site post: an HTML error page; the session is kept.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  },
                  "503": {
                    "description": "The store did not answer in time or is unreachable: an HTML error page.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlNoStore"
                      },
                      "Content-Security-Policy": {
                        "$ref": "#/components/headers/ContentSecurityPolicy"
                      },
                      "Referrer-Policy": {
                        "$ref": "#/components/headers/ReferrerPolicy"
                      }
                    }
                  }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "getOpenAPIDocument",
                "tags": [
                  "Documentation"
                ],
                "summary": "This OpenAPI document",
                "security": [],
                "responses": {
                  "200": {
                    "description": "The OpenAPI 3.1 document describing the gateway.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "openapi",
                            "info",
                            "paths"
                          ],
                          "properties": {
                            "openapi": {
                              "type": "string"
                            },
                            "info": {
                              "type": "object"
                            },
                            "paths": {
                              "type": "object"
                            }
                          }
                        },
                        "examples": {
                          "document": {
                            "value": {
                              "openapi": "3.1.0",
                              "info": {
                                "title": "s2v-meter",
                                "version": "1.0.0"
                              },
                              "paths": {}
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/QueryNUL"
                  }
                }
              }
            },
            "/docs": {
              "get": {
                "operationId": "getDocs",
                "tags": [
                  "Documentation"
                ],
                "summary": "API reference page",
                "description": "An HTML page rendering `/openapi.json`.",
                "security": [],
                "responses": {
                  "200": {
                    "description": "The page.",
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        },
                        "example": "<!DOCTYPE html>\n<html lang=\"en\"><head><title>s2v-meter API</title></head><body>…</body></html>"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/QueryNUL"
                  }
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "teamKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "A gateway team key (`s2v_` and 43 base-62 characters, from `s2v-meter keys create --team NAME`), sent as `Authorization: Bearer <key>` (the scheme name is case-insensitive). No other header carries a key (not `X-API-Key`). Missing, unknown or revoked: 401 `InvalidApiKey`. This is the gateway's own key, never the DashScope key."
              },
              "adminKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "A gateway admin key (`s2v-meter keys create --admin`), sent as `Authorization: Bearer <key>`. It belongs to no team: it manages the gateway and reads every team's reports, and cannot make DashScope calls (403 `AccessDenied`)."
              },
              "dashboardSession": {
                "type": "apiKey",
                "in": "cookie",
                "name": "s2v_dashboard",
                "description": "The dashboard's session cookie, set by `POST /dashboard/login` (12 hours; HttpOnly, SameSite=Strict, Path=/dashboard). Only the dashboard routes read it."
              }
            },
            "schemas": {
              "Error": {
                "type": "object",
                "description": "DashScope's flat error body. Every refusal of the JSON API (and of `/health`, `/ready`, `/metrics` and the dashboard routes for the few errors raised before their handlers: a U+0000 in the query, a declared body over 64 KiB) has this shape. `request_id` is always the gateway's own request id, also when `code` and `message` were passed through from the upstream.",
                "required": [
                  "request_id",
                  "code",
                  "message"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid",
                    "description": "The gateway's id of this request (a lowercase UUID)."
                  },
                  "code": {
                    "type": "string",
                    "description": "DashScope-style error code: `InvalidParameter`, `UnsupportedOperation`, `InvalidApiKey`, `AccessDenied`, `BudgetExceeded`, `NotFound`, `Throttling.RateQuota`, `InternalError`, `ServiceUnavailable`, `RequestTimeOut`, or a code passed through from the upstream."
                  },
                  "message": {
                    "type": "string",
                    "description": "What went wrong, for people; the exact text is not part of the contract."
                  }
                },
                "examples": [
                  {
                    "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                    "code": "InvalidParameter",
                    "message": "input.audio_url is required."
                  }
                ]
              },
              "MediaURL": {
                "type": "string",
                "minLength": 1,
                "maxLength": 4096,
                "pattern": "^([Hh][Tt][Tt][Pp][Ss]?|[Oo][Ss][Ss])://[A-Za-z0-9._~-]+(:[0-9]{1,4})?(/[A-Za-z0-9._~!$&'()*+,;=:@-]*)*(\\?[A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?$",
                "description": "A media URL as the gateway checks it (`InputURL`): non-empty, at most 4096 UTF-8 bytes, parseable, with scheme `http` or `https` (any case) and a host, or `oss` (DashScope's temporary store) and a bucket; anything else is 400 `InvalidParameter`. The pattern is the plain ASCII form (no userinfo, no percent-escapes, no fragment) that is always accepted; other URLs that parse with such a scheme and host are accepted too. The gateway does not forward the client's `X-DashScope-OssResourceResolve` header, so the upstream may refuse `oss://` URLs.",
                "examples": [
                  "https://example.com/portrait.jpg"
                ]
              },
              "FaceBox": {
                "type": "array",
                "description": "A box `[x1, y1, x2, y2]` in pixels, as a face-detect answers it: exactly 4 whole numbers from 0 to 1000000, with x1 < x2 and y1 < y2 (the ordering is checked by the gateway; a box that breaks it is 400 `InvalidParameter`).",
                "minItems": 4,
                "maxItems": 4,
                "items": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 1000000
                },
                "examples": [
                  [
                    302,
                    286,
                    610,
                    593
                  ]
                ]
              },
              "Wan22S2VDetectRequest": {
                "type": "object",
                "description": "`wan2.2-s2v-detect`: checks that an image shows one person facing the camera. Billed one image per answer (0.000574 USD in the shipped price book), whether `check_pass` is true or false.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "wan2.2-s2v-detect"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      }
                    },
                    "required": [
                      "image_url"
                    ]
                  },
                  "parameters": {
                    "type": [
                      "object",
                      "null"
                    ],
                    "description": "No field is checked for this model; anything here is forwarded untouched. Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "wan2.2-s2v-detect",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg"
                    }
                  }
                ]
              },
              "EmoDetectRequest": {
                "type": "object",
                "description": "`emo-detect-v1`: checks the image and answers `face_bbox` and `ext_bbox` for `emo-v1`.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "emo-detect-v1"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      }
                    },
                    "required": [
                      "image_url"
                    ]
                  },
                  "parameters": {
                    "anyOf": [
                      {
                        "type": "object",
                        "description": "Each field may be null (counts as absent). Fields not listed are forwarded untouched.",
                        "properties": {
                          "ratio": {
                            "anyOf": [
                              {
                                "type": "string",
                                "enum": [
                                  "1:1",
                                  "3:4"
                                ],
                                "description": "The ratio of `ext_bbox`; the upstream's default is 1:1."
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "emo-detect-v1",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg"
                    },
                    "parameters": {
                      "ratio": "1:1"
                    }
                  }
                ]
              },
              "LivePortraitDetectRequest": {
                "type": "object",
                "description": "`liveportrait-detect`. Shipped **unpriced**: refused with 400 `InvalidParameter` until an administrator sets a price (`s2v-meter prices set`), so it is not part of `FaceDetectRequest` by default.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "liveportrait-detect"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      }
                    },
                    "required": [
                      "image_url"
                    ]
                  },
                  "parameters": {
                    "type": [
                      "object",
                      "null"
                    ],
                    "description": "No field is checked for this model; anything here is forwarded untouched. Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "liveportrait-detect",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg"
                    }
                  }
                ]
              },
              "FaceDetectRequest": {
                "description": "A face-detect body: the `model` chooses the catalog rules it is checked against. The body is read by a strict RFC 8259 reader (UTF-8 without BOM, no duplicate keys at any depth, no U+0000 anywhere, no unpaired surrogate escapes, nesting at most 64 deep, numbers with at most 38 significant digits and magnitudes within 10^±90), then checked against the model's rules; every refusal is 400 `InvalidParameter`. The catalog is data: models added by `PUT /v1/models/{model}` follow the rules of the model they were made like, and can be called once priced. This schema lists the priced detect models of the shipped catalog.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Wan22S2VDetectRequest"
                  },
                  {
                    "$ref": "#/components/schemas/EmoDetectRequest"
                  }
                ]
              },
              "Wan22S2VRequest": {
                "type": "object",
                "description": "`wan2.2-s2v`: image + audio to a lip-sync video. Tier from `parameters.resolution` (default 480P); held 20 s × the tier's price at admission, billed `usage.duration` (or `video_duration`) × that price.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "wan2.2-s2v"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "anyOf": [
                          {
                            "$ref": "#/components/schemas/MediaURL"
                          },
                          {
                            "type": "null"
                          }
                        ],
                        "description": "The portrait. Required unless `img_url` is sent instead; null counts as absent."
                      },
                      "img_url": {
                        "description": "The official SDK's name for `image_url`; read only when `image_url` is absent or null (then it must be a media URL)."
                      },
                      "audio_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      }
                    },
                    "anyOf": [
                      {
                        "required": [
                          "image_url"
                        ],
                        "properties": {
                          "image_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      },
                      {
                        "required": [
                          "img_url"
                        ],
                        "properties": {
                          "image_url": {
                            "type": "null"
                          },
                          "img_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      }
                    ],
                    "required": [
                      "audio_url"
                    ]
                  },
                  "parameters": {
                    "anyOf": [
                      {
                        "type": "object",
                        "description": "Each field may be null (counts as absent). Fields not listed are forwarded untouched.",
                        "properties": {
                          "resolution": {
                            "anyOf": [
                              {
                                "type": "string",
                                "enum": [
                                  "480P",
                                  "720P"
                                ],
                                "description": "The price tier. Any non-empty string passes the field check, but only a priced tier is accepted (480P and 720P in the shipped price book); default 480P."
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "wan2.2-s2v",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg",
                      "audio_url": "https://example.com/voice.mp3"
                    },
                    "parameters": {
                      "resolution": "480P"
                    }
                  }
                ]
              },
              "EmoV1Request": {
                "type": "object",
                "description": "`emo-v1`: needs both boxes as `emo-detect-v1` answered them. The tier is the aspect ratio of `ext_bbox` in lowest terms; only priced ratios are accepted (1:1 and 3:4 in the shipped price book), any other is 400 `InvalidParameter`. Held 60 s × the tier's price.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "emo-v1"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "anyOf": [
                          {
                            "$ref": "#/components/schemas/MediaURL"
                          },
                          {
                            "type": "null"
                          }
                        ],
                        "description": "The portrait. Required unless `img_url` is sent instead; null counts as absent."
                      },
                      "img_url": {
                        "description": "The official SDK's name for `image_url`; read only when `image_url` is absent or null (then it must be a media URL)."
                      },
                      "audio_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      },
                      "face_bbox": {
                        "$ref": "#/components/schemas/FaceBox"
                      },
                      "ext_bbox": {
                        "$ref": "#/components/schemas/FaceBox"
                      }
                    },
                    "anyOf": [
                      {
                        "required": [
                          "image_url"
                        ],
                        "properties": {
                          "image_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      },
                      {
                        "required": [
                          "img_url"
                        ],
                        "properties": {
                          "image_url": {
                            "type": "null"
                          },
                          "img_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      }
                    ],
                    "required": [
                      "audio_url",
                      "face_bbox",
                      "ext_bbox"
                    ]
                  },
                  "parameters": {
                    "anyOf": [
                      {
                        "type": "object",
                        "description": "Each field may be null (counts as absent). Fields not listed are forwarded untouched.",
                        "properties": {
                          "style_level": {
                            "anyOf": [
                              {
                                "type": "string",
                                "enum": [
                                  "normal",
                                  "calm",
                                  "active"
                                ]
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "emo-v1",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg",
                      "audio_url": "https://example.com/voice.mp3",
                      "face_bbox": [
                        302,
                        286,
                        610,
                        593
                      ],
                      "ext_bbox": [
                        71,
                        9,
                        840,
                        778
                      ]
                    },
                    "parameters": {
                      "style_level": "normal"
                    }
                  }
                ]
              },
              "LivePortraitRequest": {
                "type": "object",
                "description": "`liveportrait`. Shipped **unpriced**: refused with 400 `InvalidParameter` until an administrator sets a price, so it is not part of `VideoSynthesisRequest` by default. Held 180 s × the price once priced.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "liveportrait"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched (the SDK's `prompt` and `extend_prompt`, for example).",
                    "properties": {
                      "image_url": {
                        "anyOf": [
                          {
                            "$ref": "#/components/schemas/MediaURL"
                          },
                          {
                            "type": "null"
                          }
                        ],
                        "description": "The portrait. Required unless `img_url` is sent instead; null counts as absent."
                      },
                      "img_url": {
                        "description": "The official SDK's name for `image_url`; read only when `image_url` is absent or null (then it must be a media URL)."
                      },
                      "audio_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      }
                    },
                    "anyOf": [
                      {
                        "required": [
                          "image_url"
                        ],
                        "properties": {
                          "image_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      },
                      {
                        "required": [
                          "img_url"
                        ],
                        "properties": {
                          "image_url": {
                            "type": "null"
                          },
                          "img_url": {
                            "$ref": "#/components/schemas/MediaURL"
                          }
                        }
                      }
                    ],
                    "required": [
                      "audio_url"
                    ]
                  },
                  "parameters": {
                    "anyOf": [
                      {
                        "type": "object",
                        "description": "Each field may be null (counts as absent). Fields not listed are forwarded untouched.",
                        "properties": {
                          "template_id": {
                            "anyOf": [
                              {
                                "type": "string",
                                "enum": [
                                  "normal",
                                  "calm",
                                  "active"
                                ]
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "eye_move_freq": {
                            "anyOf": [
                              {
                                "type": "number",
                                "minimum": 0,
                                "maximum": 1
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "video_fps": {
                            "anyOf": [
                              {
                                "type": "integer",
                                "minimum": 15,
                                "maximum": 30
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "mouth_move_strength": {
                            "anyOf": [
                              {
                                "type": "number",
                                "minimum": 0,
                                "maximum": 1.5
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "paste_back": {
                            "anyOf": [
                              {
                                "type": "boolean"
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "head_move_strength": {
                            "anyOf": [
                              {
                                "type": "number",
                                "minimum": 0,
                                "maximum": 1
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "liveportrait",
                    "input": {
                      "image_url": "https://example.com/portrait.jpg",
                      "audio_url": "https://example.com/voice.mp3"
                    },
                    "parameters": {
                      "template_id": "normal",
                      "video_fps": 24
                    }
                  }
                ]
              },
              "VideoRetalkRequest": {
                "type": "object",
                "description": "`videoretalk`: a video and an audio, and optionally the face to lip-sync. Untiered; held 120 s × 0.011469 USD in the shipped price book.",
                "required": [
                  "model",
                  "input"
                ],
                "properties": {
                  "model": {
                    "const": "videoretalk"
                  },
                  "input": {
                    "type": "object",
                    "description": "Fields the model's catalog rules do not name are forwarded to the upstream untouched.",
                    "required": [
                      "video_url",
                      "audio_url"
                    ],
                    "properties": {
                      "video_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      },
                      "audio_url": {
                        "$ref": "#/components/schemas/MediaURL"
                      },
                      "ref_image_url": {
                        "anyOf": [
                          {
                            "$ref": "#/components/schemas/MediaURL"
                          },
                          {
                            "type": "null"
                          }
                        ]
                      }
                    }
                  },
                  "parameters": {
                    "anyOf": [
                      {
                        "type": "object",
                        "description": "Each field may be null (counts as absent). Fields not listed are forwarded untouched.",
                        "properties": {
                          "video_extension": {
                            "anyOf": [
                              {
                                "type": "boolean"
                              },
                              {
                                "type": "null"
                              }
                            ]
                          },
                          "query_face_threshold": {
                            "anyOf": [
                              {
                                "type": "integer",
                                "minimum": 120,
                                "maximum": 200
                              },
                              {
                                "type": "null"
                              }
                            ]
                          }
                        }
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Null counts as absent."
                  }
                },
                "examples": [
                  {
                    "model": "videoretalk",
                    "input": {
                      "video_url": "https://example.com/talk.mp4",
                      "audio_url": "https://example.com/voice.mp3"
                    },
                    "parameters": {
                      "video_extension": false
                    }
                  }
                ]
              },
              "VideoSynthesisRequest": {
                "description": "A video-synthesis body, read by the same strict reader as `FaceDetectRequest` and checked against the named model's catalog rules before anything is held or queued; every refusal is 400 `InvalidParameter` naming the field. This schema lists the priced generation models of the shipped catalog (`LivePortraitRequest` describes `liveportrait`, refused until priced).",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Wan22S2VRequest"
                  },
                  {
                    "$ref": "#/components/schemas/EmoV1Request"
                  },
                  {
                    "$ref": "#/components/schemas/VideoRetalkRequest"
                  }
                ]
              },
              "FaceDetectResponse": {
                "type": "object",
                "description": "The upstream's 200 answer, passed on byte for byte: the check ran and was charged one image, whatever its verdict. `request_id` here is the **upstream's**; the gateway's own request id is in the `X-S2V-Request-Id` header. The gateway guarantees only that `output` is present (otherwise it answers 502); the other fields are DashScope's.",
                "required": [
                  "output"
                ],
                "properties": {
                  "output": {
                    "type": "object",
                    "properties": {
                      "check_pass": {
                        "type": "boolean",
                        "description": "The verdict of wan2.2-s2v-detect and emo-detect-v1."
                      },
                      "humanoid": {
                        "type": "boolean"
                      },
                      "pass": {
                        "type": "boolean",
                        "description": "The verdict of liveportrait-detect."
                      },
                      "code": {
                        "type": "string",
                        "description": "Why the check failed (when it did)."
                      },
                      "message": {
                        "type": "string"
                      },
                      "face_bbox": {
                        "type": "array",
                        "items": {
                          "type": "integer"
                        },
                        "description": "emo-detect-v1: the face box."
                      },
                      "ext_bbox": {
                        "type": "array",
                        "items": {
                          "type": "integer"
                        },
                        "description": "emo-detect-v1: the animated region."
                      }
                    }
                  },
                  "usage": {
                    "type": "object",
                    "properties": {
                      "image_count": {
                        "type": "integer",
                        "description": "Always 1 from DashScope; the gateway charges one image per request whatever it says."
                      }
                    }
                  },
                  "request_id": {
                    "type": "string",
                    "description": "The upstream's request id."
                  }
                }
              },
              "TaskCreated": {
                "type": "object",
                "required": [
                  "request_id",
                  "output"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid",
                    "description": "The gateway's request id."
                  },
                  "output": {
                    "type": "object",
                    "required": [
                      "task_id",
                      "task_status"
                    ],
                    "properties": {
                      "task_id": {
                        "type": "string",
                        "format": "uuid",
                        "description": "The gateway's task id (not the upstream's)."
                      },
                      "task_status": {
                        "const": "PENDING"
                      }
                    }
                  }
                }
              },
              "TaskOutput": {
                "type": "object",
                "description": "A task as DashScope describes it, under the gateway's task id: the upstream's own output fields as it sent them, plus `task_id`, `task_status` and `submit_time`.",
                "required": [
                  "task_id",
                  "task_status"
                ],
                "properties": {
                  "task_id": {
                    "type": "string",
                    "description": "The gateway's task id; for an unknown task, the id as it was asked for."
                  },
                  "task_status": {
                    "type": "string",
                    "enum": [
                      "PENDING",
                      "RUNNING",
                      "SUCCEEDED",
                      "FAILED",
                      "CANCELED",
                      "UNKNOWN"
                    ],
                    "description": "DashScope's task status. UNKNOWN: no such task of the caller's team (also another team's task), or a task the upstream forgot (flagged for review; with `code` `UpstreamOutcomeUnknown` when it was settled by rule)."
                  },
                  "submit_time": {
                    "type": "string",
                    "description": "`YYYY-MM-DD HH:MM:SS.mmm`: the upstream's, or else the admission time in Asia/Shanghai. Present for every task the caller's team has; absent for an unknown id."
                  },
                  "scheduled_time": {
                    "type": "string"
                  },
                  "end_time": {
                    "type": "string"
                  },
                  "results": {
                    "type": "object",
                    "properties": {
                      "video_url": {
                        "type": "string"
                      }
                    },
                    "description": "SUCCEEDED (wan2.2-s2v, emo-v1, liveportrait): the result."
                  },
                  "video_url": {
                    "type": "string",
                    "description": "SUCCEEDED videoretalk: the result."
                  },
                  "code": {
                    "type": "string",
                    "description": "FAILED: the upstream's failure code; `UpstreamOutcomeUnknown` for a submission settled by rule."
                  },
                  "message": {
                    "type": "string"
                  }
                }
              },
              "TaskUsage": {
                "type": "object",
                "description": "The upstream's `usage`, as it sent it (numbers exact): `duration`, `size`, `fps`, `video_count`, `SR` for wan2.2-s2v; `video_duration`, `video_ratio` (and `size`, `fps`) for the others. Present once the upstream reported it (SUCCEEDED tasks).",
                "properties": {
                  "duration": {
                    "type": "number"
                  },
                  "video_duration": {
                    "type": "number"
                  },
                  "video_ratio": {
                    "type": "string"
                  },
                  "size": {
                    "type": "string"
                  },
                  "fps": {
                    "type": "number"
                  },
                  "video_count": {
                    "type": "integer"
                  },
                  "SR": {
                    "type": [
                      "integer",
                      "string"
                    ]
                  }
                }
              },
              "TaskResponse": {
                "type": "object",
                "required": [
                  "request_id",
                  "output"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid",
                    "description": "The gateway's request id."
                  },
                  "output": {
                    "$ref": "#/components/schemas/TaskOutput"
                  },
                  "usage": {
                    "$ref": "#/components/schemas/TaskUsage"
                  }
                }
              },
              "TaskListItem": {
                "type": "object",
                "description": "A task's `output` fields with its `usage` beside them.",
                "required": [
                  "task_id",
                  "task_status"
                ],
                "properties": {
                  "task_id": {
                    "type": "string",
                    "description": "The gateway's task id; for an unknown task, the id as it was asked for."
                  },
                  "task_status": {
                    "type": "string",
                    "enum": [
                      "PENDING",
                      "RUNNING",
                      "SUCCEEDED",
                      "FAILED",
                      "CANCELED",
                      "UNKNOWN"
                    ],
                    "description": "DashScope's task status. UNKNOWN: no such task of the caller's team (also another team's task), or a task the upstream forgot (flagged for review; with `code` `UpstreamOutcomeUnknown` when it was settled by rule)."
                  },
                  "submit_time": {
                    "type": "string",
                    "description": "`YYYY-MM-DD HH:MM:SS.mmm`: the upstream's, or else the admission time in Asia/Shanghai. Present for every task the caller's team has; absent for an unknown id."
                  },
                  "scheduled_time": {
                    "type": "string"
                  },
                  "end_time": {
                    "type": "string"
                  },
                  "results": {
                    "type": "object",
                    "properties": {
                      "video_url": {
                        "type": "string"
                      }
                    },
                    "description": "SUCCEEDED (wan2.2-s2v, emo-v1, liveportrait): the result."
                  },
                  "video_url": {
                    "type": "string",
                    "description": "SUCCEEDED videoretalk: the result."
                  },
                  "code": {
                    "type": "string",
                    "description": "FAILED: the upstream's failure code; `UpstreamOutcomeUnknown` for a submission settled by rule."
                  },
                  "message": {
                    "type": "string"
                  },
                  "usage": {
                    "$ref": "#/components/schemas/TaskUsage"
                  }
                }
              },
              "TaskList": {
                "type": "object",
                "required": [
                  "request_id",
                  "data",
                  "total",
                  "page_no",
                  "page_size"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid"
                  },
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/TaskListItem"
                    },
                    "description": "The caller's team's tasks, newest admission first."
                  },
                  "total": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0,
                    "description": "How many tasks the team has in all."
                  },
                  "page_no": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 1000000
                  },
                  "page_size": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 100
                  }
                }
              },
              "CancelResponse": {
                "type": "object",
                "required": [
                  "request_id"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid",
                    "description": "The gateway's request id."
                  }
                }
              },
              "Health": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "const": "ok"
                  }
                }
              },
              "ServiceLiveness": {
                "type": "object",
                "required": [
                  "state",
                  "seconds_without_success",
                  "bound_seconds",
                  "failures_since_success"
                ],
                "properties": {
                  "state": {
                    "type": "string",
                    "enum": [
                      "ok",
                      "stuck"
                    ],
                    "description": "`stuck`: no successful round for longer than `bound_seconds`."
                  },
                  "last_success": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When the last round succeeded (UTC). Omitted (not null) before the first success."
                  },
                  "seconds_without_success": {
                    "type": "number",
                    "description": "Since the last success, or since the service started."
                  },
                  "bound_seconds": {
                    "type": "number"
                  },
                  "failures_since_success": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "Readiness": {
                "type": "object",
                "required": [
                  "status",
                  "database",
                  "services"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "ready",
                      "not ready"
                    ]
                  },
                  "database": {
                    "type": "string",
                    "enum": [
                      "ok",
                      "pending migrations",
                      "unreachable",
                      "timeout"
                    ],
                    "description": "`unreachable` also covers a schema whose applied migrations differ from this build's."
                  },
                  "detail": {
                    "type": "string",
                    "description": "Only when not ready: the problems, joined by `; `."
                  },
                  "services": {
                    "type": "object",
                    "additionalProperties": {
                      "$ref": "#/components/schemas/ServiceLiveness"
                    },
                    "description": "Each background service that has started (`dispatch`, `poll`, `alert_delivery`, `detect_intent_recovery`), by name; empty before any has started."
                  }
                }
              },
              "UsageRow": {
                "type": "object",
                "description": "One group. It carries one string member per grouping dimension asked for (`team`: the team's name, `key`: the key id as text, `model`, `tier` (`\"\"` when untiered), `day`: `YYYY-MM-DD`, `month`: `YYYY-MM`, `tag:KEY`: the tag's value, `\"\"` without it), then the figures. Counts are JSON integers; `seconds` and `cost` are exact decimal strings.",
                "required": [
                  "calls",
                  "images",
                  "seconds",
                  "tasks_succeeded",
                  "tasks_failed",
                  "cost"
                ],
                "properties": {
                  "team": {
                    "type": "string"
                  },
                  "key": {
                    "type": "string"
                  },
                  "model": {
                    "type": "string"
                  },
                  "tier": {
                    "type": "string"
                  },
                  "day": {
                    "type": "string"
                  },
                  "month": {
                    "type": "string"
                  },
                  "calls": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "images": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "seconds": {
                    "type": "string",
                    "description": "Billed seconds, exact decimal string."
                  },
                  "tasks_succeeded": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "tasks_failed": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "cost": {
                    "type": "string",
                    "description": "Exact decimal string in the price book's currency."
                  }
                },
                "patternProperties": {
                  "^tag:[a-z][a-z0-9_.-]{0,31}$": {
                    "type": "string"
                  }
                }
              },
              "UsageReport": {
                "type": "object",
                "required": [
                  "from",
                  "to",
                  "attributed_by",
                  "rows",
                  "total"
                ],
                "properties": {
                  "from": {
                    "type": "string",
                    "format": "date",
                    "description": "First UTC day."
                  },
                  "to": {
                    "type": "string",
                    "format": "date",
                    "description": "The day after the last (exclusive)."
                  },
                  "attributed_by": {
                    "const": "admission",
                    "description": "Amounts belong to the UTC day their call or task was admitted."
                  },
                  "rows": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/UsageRow"
                    }
                  },
                  "total": {
                    "type": "object",
                    "required": [
                      "cost"
                    ],
                    "properties": {
                      "cost": {
                        "type": "string",
                        "description": "Exact decimal string: the sum of the rows' cost."
                      }
                    }
                  }
                }
              },
              "InvoiceTotal": {
                "type": "object",
                "required": [
                  "cost",
                  "conservative_cost",
                  "currency"
                ],
                "properties": {
                  "cost": {
                    "type": "string",
                    "description": "Exact decimal string."
                  },
                  "conservative_cost": {
                    "type": "string",
                    "description": "Exact decimal string: the part charged conservatively (full holds of tasks the upstream forgot)."
                  },
                  "currency": {
                    "type": "string",
                    "description": "The price book's currency, e.g. USD."
                  }
                }
              },
              "InvoiceLine": {
                "type": "object",
                "description": "quantity × unit_price = amount, exactly. Money and quantities are exact decimal strings; `items` and `price_id` are JSON integers.",
                "required": [
                  "model",
                  "tier",
                  "unit",
                  "quantity",
                  "unit_price",
                  "amount",
                  "items",
                  "price_id",
                  "conservative"
                ],
                "properties": {
                  "model": {
                    "type": "string"
                  },
                  "tier": {
                    "type": "string",
                    "description": "`\"\"` for an untiered model."
                  },
                  "unit": {
                    "type": "string",
                    "enum": [
                      "image",
                      "second"
                    ]
                  },
                  "quantity": {
                    "type": "string"
                  },
                  "unit_price": {
                    "type": "string"
                  },
                  "amount": {
                    "type": "string"
                  },
                  "items": {
                    "type": "integer",
                    "format": "int64",
                    "description": "Calls (detect) or tasks (generation) charged."
                  },
                  "price_id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "conservative": {
                    "type": "boolean",
                    "description": "True for full holds charged for tasks the upstream forgot; review them."
                  }
                }
              },
              "Invoice": {
                "type": "object",
                "required": [
                  "month",
                  "period",
                  "attributed_by",
                  "teams",
                  "prices",
                  "total"
                ],
                "properties": {
                  "month": {
                    "type": "string",
                    "pattern": "^[0-9]{4}-[0-9]{2}$"
                  },
                  "period": {
                    "type": "object",
                    "required": [
                      "from",
                      "to"
                    ],
                    "properties": {
                      "from": {
                        "type": "string",
                        "format": "date-time"
                      },
                      "to": {
                        "type": "string",
                        "format": "date-time"
                      }
                    }
                  },
                  "attributed_by": {
                    "const": "admission"
                  },
                  "teams": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "team",
                        "total"
                      ],
                      "properties": {
                        "team": {
                          "type": "string"
                        },
                        "lines": {
                          "type": "array",
                          "description": "A plain statement's lines.",
                          "items": {
                            "$ref": "#/components/schemas/InvoiceLine"
                          }
                        },
                        "sections": {
                          "type": "array",
                          "description": "A chargeback statement's sections: one per value of the split's tag, then the untagged one.",
                          "items": {
                            "type": "object",
                            "required": [
                              "tag_value",
                              "untagged",
                              "lines",
                              "total"
                            ],
                            "properties": {
                              "tag_value": {
                                "type": "string",
                                "description": "The tag's value; `\"\"` for the team's charges without the tag."
                              },
                              "untagged": {
                                "type": "boolean"
                              },
                              "lines": {
                                "type": "array",
                                "items": {
                                  "$ref": "#/components/schemas/InvoiceLine"
                                }
                              },
                              "total": {
                                "$ref": "#/components/schemas/InvoiceTotal"
                              }
                            }
                          }
                        },
                        "total": {
                          "$ref": "#/components/schemas/InvoiceTotal"
                        }
                      },
                      "description": "A team's part: its `lines` in a plain statement, its `sections` in a chargeback statement."
                    }
                  },
                  "prices": {
                    "type": "array",
                    "description": "Every price version the statement uses, by id.",
                    "items": {
                      "type": "object",
                      "required": [
                        "id",
                        "model",
                        "tier",
                        "unit",
                        "unit_price",
                        "currency",
                        "effective_from"
                      ],
                      "properties": {
                        "id": {
                          "type": "integer",
                          "format": "int64"
                        },
                        "model": {
                          "type": "string"
                        },
                        "tier": {
                          "type": "string"
                        },
                        "unit": {
                          "type": "string",
                          "enum": [
                            "image",
                            "second"
                          ]
                        },
                        "unit_price": {
                          "type": "string",
                          "description": "Exact decimal string."
                        },
                        "currency": {
                          "type": "string"
                        },
                        "effective_from": {
                          "type": "string",
                          "format": "date-time"
                        }
                      }
                    }
                  },
                  "total": {
                    "$ref": "#/components/schemas/InvoiceTotal"
                  },
                  "split": {
                    "type": "string",
                    "description": "`tag:KEY` in a chargeback statement (`split=tag:KEY`); omitted otherwise.",
                    "pattern": "^tag:[a-z][a-z0-9_.-]{0,31}$"
                  }
                }
              },
              "BudgetStatus": {
                "type": "object",
                "description": "A budget and its current period. Every amount is an exact decimal **string** (`limit`, `spent`, `held`, `remaining`, `percent_used`, `forecast`, each of `alert_thresholds`). Optional members are omitted when they have no value, never null.",
                "required": [
                  "id",
                  "scope",
                  "period",
                  "timezone",
                  "currency",
                  "period_start",
                  "limit",
                  "spent",
                  "held",
                  "remaining",
                  "forecast_exceeds_limit",
                  "as_of",
                  "alert_thresholds",
                  "webhook_format"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "scope": {
                    "type": "string",
                    "enum": [
                      "global",
                      "team",
                      "key",
                      "tag"
                    ]
                  },
                  "team": {
                    "type": "string",
                    "description": "The team of a team or key budget, or of a tag budget within one team; omitted otherwise."
                  },
                  "key_id": {
                    "type": "integer",
                    "format": "int64",
                    "description": "Key budgets only."
                  },
                  "tag": {
                    "type": "string",
                    "description": "Tag budgets only: the tag they count, `key=value`.",
                    "pattern": "^[a-z][a-z0-9_.-]{0,31}=[A-Za-z0-9_.:/@+-]{1,64}$"
                  },
                  "period": {
                    "type": "string",
                    "enum": [
                      "month",
                      "week",
                      "day",
                      "lifetime"
                    ]
                  },
                  "timezone": {
                    "type": "string",
                    "description": "IANA zone the periods are counted in."
                  },
                  "currency": {
                    "type": "string"
                  },
                  "period_start": {
                    "type": "string",
                    "format": "date-time",
                    "description": "With the zone's offset, e.g. 2026-11-01T00:00:00+08:00."
                  },
                  "period_end": {
                    "type": "string",
                    "format": "date-time",
                    "description": "Omitted for lifetime budgets."
                  },
                  "limit": {
                    "type": "string"
                  },
                  "spent": {
                    "type": "string"
                  },
                  "held": {
                    "type": "string"
                  },
                  "remaining": {
                    "type": "string",
                    "description": "limit − spent − held, never negative."
                  },
                  "percent_used": {
                    "type": "string",
                    "description": "(spent + held) / limit × 100, 2 decimals; omitted for a zero limit."
                  },
                  "forecast": {
                    "type": "string",
                    "description": "spent + held at the period's end at this period's rate; omitted for lifetime budgets and in a period's first minute."
                  },
                  "forecast_exceeds_limit": {
                    "type": "boolean"
                  },
                  "as_of": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "alert_thresholds": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "Percentages of the limit, ascending."
                  },
                  "webhook_url": {
                    "type": "string",
                    "description": "Omitted when the budget has no webhook."
                  },
                  "webhook_format": {
                    "type": "string",
                    "enum": [
                      "json",
                      "slack"
                    ]
                  }
                }
              },
              "BudgetReport": {
                "type": "object",
                "required": [
                  "budgets"
                ],
                "properties": {
                  "budgets": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/BudgetStatus"
                    },
                    "description": "For a team's view, the gateway-wide budgets are left out."
                  }
                }
              },
              "AuditCall": {
                "type": "object",
                "description": "One call-log row. Every member is a JSON **string** (numbers as decimal text, absent values as `\"\"`).",
                "required": [
                  "id",
                  "at",
                  "request_id",
                  "team",
                  "key_id",
                  "key_prefix",
                  "method",
                  "endpoint",
                  "model",
                  "tier",
                  "task_id",
                  "upstream_request_id",
                  "http_status",
                  "error_code",
                  "latency_ms",
                  "cost"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "description": "The row id (decimal digits)."
                  },
                  "at": {
                    "type": "string",
                    "description": "ISO 8601 UTC with milliseconds."
                  },
                  "request_id": {
                    "type": "string",
                    "description": "The gateway's request id."
                  },
                  "team": {
                    "type": "string",
                    "description": "Team name, or empty."
                  },
                  "key_id": {
                    "type": "string",
                    "description": "Key id (decimal digits), or empty."
                  },
                  "key_prefix": {
                    "type": "string",
                    "description": "The key's first characters, or empty."
                  },
                  "method": {
                    "type": "string",
                    "description": "HTTP method (or `RESOLVE` for a submission settled by rule)."
                  },
                  "endpoint": {
                    "type": "string",
                    "description": "The route pattern, or the path when no route matched."
                  },
                  "model": {
                    "type": "string",
                    "description": "Or empty."
                  },
                  "tier": {
                    "type": "string",
                    "description": "Or empty."
                  },
                  "task_id": {
                    "type": "string",
                    "description": "Or empty."
                  },
                  "upstream_request_id": {
                    "type": "string",
                    "description": "Or empty."
                  },
                  "http_status": {
                    "type": "string",
                    "description": "The status answered, as text."
                  },
                  "error_code": {
                    "type": "string",
                    "description": "Or empty."
                  },
                  "latency_ms": {
                    "type": "string",
                    "description": "Milliseconds, exact decimal text."
                  },
                  "cost": {
                    "type": "string",
                    "description": "Exact decimal string."
                  }
                }
              },
              "AuditCalls": {
                "type": "object",
                "required": [
                  "calls",
                  "next_cursor"
                ],
                "properties": {
                  "calls": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/AuditCall"
                    },
                    "description": "Newest first."
                  },
                  "next_cursor": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "pattern": "^[0-9]+$",
                    "description": "Pass as `cursor` for the next page; null on the last page. Also in the `X-Next-Cursor` header."
                  }
                }
              },
              "AdminChange": {
                "type": "object",
                "required": [
                  "id",
                  "at",
                  "actor",
                  "object",
                  "object_id",
                  "action",
                  "team",
                  "before",
                  "after"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "description": "The change's id, as decimal text."
                  },
                  "at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "actor": {
                    "type": "string",
                    "description": "`key:<id>` (admin API), `cli:<user>@<host>`, `sql:<database user>`, `migration:<name>`."
                  },
                  "object": {
                    "type": "string",
                    "enum": [
                      "team",
                      "key",
                      "budget",
                      "price",
                      "limit",
                      "account",
                      "model"
                    ]
                  },
                  "object_id": {
                    "type": "string"
                  },
                  "action": {
                    "type": "string",
                    "enum": [
                      "create",
                      "update",
                      "delete",
                      "revoke",
                      "remove"
                    ]
                  },
                  "team": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "before": {
                    "description": "The row before the change as a JSON value (null for a creation)."
                  },
                  "after": {
                    "description": "The row after the change as a JSON value (null for a deletion)."
                  }
                }
              },
              "AuditChanges": {
                "type": "object",
                "required": [
                  "changes",
                  "next_cursor"
                ],
                "properties": {
                  "changes": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/AdminChange"
                    },
                    "description": "Newest first."
                  },
                  "next_cursor": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "pattern": "^[0-9]+$"
                  }
                }
              },
              "BudgetRequest": {
                "type": "object",
                "description": "Creates a budget, or changes the live one with the same scope, period and time zone (limit, alerts, webhook). Read by the strict JSON reader; every refusal is 400 `InvalidParameter`.",
                "required": [
                  "scope",
                  "limit",
                  "period"
                ],
                "properties": {
                  "scope": {
                    "type": "string",
                    "enum": [
                      "global",
                      "team",
                      "key",
                      "tag"
                    ]
                  },
                  "team": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Required (a team's name that exists) when scope is `team`; optional with scope `tag`, to count that team's calls only; ignored otherwise.",
                    "pattern": "^[^\\u0000]*$"
                  },
                  "key_id": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "format": "int64",
                    "description": "Required (a team key's id that exists) when scope is `key`; ignored otherwise.",
                    "minimum": -9223372036854775808,
                    "maximum": 9223372036854775807
                  },
                  "tag": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Required when scope is `tag`: the tag the budget counts, `key=value` such as `project=launch`; ignored otherwise. A call falls under it when its tags (its key's and its request's) hold that pair.",
                    "pattern": "^[^\\u0000]*$"
                  },
                  "limit": {
                    "oneOf": [
                      {
                        "type": "string",
                        "pattern": "^[ \\t]*0*([0-9]{1,12}(\\.[0-9]{1,8}0{0,18})?|1000000000000(\\.0{1,26})?)[ \\t]*$",
                        "description": "A plain decimal string (no exponent) from 0 to 1000000000000 with at most 8 decimal places."
                      },
                      {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 1000000000000,
                        "description": "A JSON number, read exactly, from 0 to 10^12 with at most 8 decimal places."
                      }
                    ],
                    "description": "The hard limit on spent + held per period, in the price book's currency."
                  },
                  "period": {
                    "type": "string",
                    "enum": [
                      "month",
                      "week",
                      "day",
                      "lifetime"
                    ],
                    "description": "Matched case-insensitively."
                  },
                  "timezone": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "pattern": "^(UTC|Etc/UTC|(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)(/[A-Za-z][A-Za-z_-]*){1,2})$",
                    "description": "A canonical IANA zone name known to Foundation and PostgreSQL (`UTC`, `Etc/UTC`, `Area/Location`); default UTC."
                  },
                  "alert_thresholds": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "description": "Percentages of the limit, each above 0 and at most 1000 (numbers, or plain decimal strings); default [50, 80, 100]; [] for none.",
                    "items": {
                      "oneOf": [
                        {
                          "type": "number",
                          "exclusiveMinimum": 0,
                          "maximum": 1000
                        },
                        {
                          "type": "string",
                          "pattern": "^[ \\t]*0*([1-9][0-9]{0,2}(\\.[0-9]{1,35})?|0\\.0{0,37}[1-9][0-9]{0,37}|1000(\\.0{1,34})?)[ \\t]*$"
                        }
                      ]
                    }
                  },
                  "webhook_url": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uri",
                    "description": "An http(s) URL on a port 1–65535 whose host is a DNS name or a public IP address (not localhost or a loopback, private, link-local, ... address) unless the host is in `webhook-allow-hosts`."
                  },
                  "webhook_format": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "json",
                      "slack",
                      null
                    ],
                    "description": "Matched case-insensitively; default json."
                  }
                },
                "allOf": [
                  {
                    "if": {
                      "required": [
                        "scope"
                      ],
                      "properties": {
                        "scope": {
                          "const": "team"
                        }
                      }
                    },
                    "then": {
                      "required": [
                        "team"
                      ],
                      "properties": {
                        "team": {
                          "type": "string"
                        }
                      }
                    },
                    "description": "A team budget names its team."
                  },
                  {
                    "if": {
                      "required": [
                        "scope"
                      ],
                      "properties": {
                        "scope": {
                          "const": "key"
                        }
                      }
                    },
                    "then": {
                      "required": [
                        "key_id"
                      ],
                      "properties": {
                        "key_id": {
                          "type": "integer"
                        }
                      }
                    },
                    "description": "A key budget names its key."
                  }
                ]
              },
              "BudgetList": {
                "type": "object",
                "required": [
                  "request_id",
                  "budgets"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid"
                  },
                  "budgets": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/BudgetStatus"
                    }
                  }
                }
              },
              "BudgetSingle": {
                "type": "object",
                "required": [
                  "request_id",
                  "budget"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid"
                  },
                  "created": {
                    "type": "boolean",
                    "description": "Only in `POST /v1/budgets` answers: true when a new budget was created."
                  },
                  "budget": {
                    "$ref": "#/components/schemas/BudgetStatus"
                  }
                }
              },
              "BudgetDeleted": {
                "type": "object",
                "required": [
                  "request_id",
                  "deleted"
                ],
                "properties": {
                  "request_id": {
                    "type": "string",
                    "format": "uuid"
                  },
                  "deleted": {
                    "type": "integer",
                    "format": "int64",
                    "description": "The id of the budget deleted."
                  }
                }
              },
              "FieldRule": {
                "type": "object",
                "description": "How one field of a request's `input` or `parameters` is checked.",
                "required": [
                  "type"
                ],
                "properties": {
                  "type": {
                    "type": "string",
                    "enum": [
                      "url",
                      "box",
                      "choice",
                      "number",
                      "integer",
                      "boolean",
                      "text"
                    ]
                  },
                  "required": {
                    "type": "boolean",
                    "description": "Present, and true, only when the field is required."
                  },
                  "values": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "The choices of a `choice`."
                  },
                  "minimum": {
                    "type": "number"
                  },
                  "maximum": {
                    "type": "number"
                  },
                  "aliases": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "Other names the field may be sent under."
                  }
                }
              },
              "CatalogModel": {
                "type": "object",
                "description": "A model of the catalog with its prices in force. Optional members are omitted when they have no value, never null.",
                "required": [
                  "model",
                  "kind",
                  "endpoint",
                  "inputs",
                  "parameters",
                  "tier_source",
                  "billed_usage_fields",
                  "submissions_per_second",
                  "prices"
                ],
                "properties": {
                  "model": {
                    "type": "string"
                  },
                  "kind": {
                    "type": "string",
                    "enum": [
                      "detect",
                      "generation"
                    ]
                  },
                  "endpoint": {
                    "type": "string",
                    "enum": [
                      "image2video/face-detect",
                      "image2video/video-synthesis"
                    ]
                  },
                  "inputs": {
                    "type": "object",
                    "additionalProperties": {
                      "$ref": "#/components/schemas/FieldRule"
                    }
                  },
                  "parameters": {
                    "type": "object",
                    "additionalProperties": {
                      "$ref": "#/components/schemas/FieldRule"
                    }
                  },
                  "tier_source": {
                    "type": "string",
                    "enum": [
                      "none",
                      "parameter",
                      "box_ratio"
                    ]
                  },
                  "tier_field": {
                    "type": "string"
                  },
                  "default_tier": {
                    "type": "string"
                  },
                  "billed_usage_fields": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "reported_tier_field": {
                    "type": "string"
                  },
                  "max_billable_seconds": {
                    "type": "string",
                    "description": "Exact decimal string; generation models only."
                  },
                  "verdict_field": {
                    "type": "string",
                    "description": "Detect models only."
                  },
                  "submissions_per_second": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 1000
                  },
                  "max_concurrent_tasks": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 1000,
                    "description": "Generation models only."
                  },
                  "prices": {
                    "type": "array",
                    "description": "The prices in force now; empty for an unpriced model (refused until priced).",
                    "items": {
                      "type": "object",
                      "required": [
                        "tier",
                        "unit",
                        "unit_price",
                        "currency",
                        "effective_from",
                        "note"
                      ],
                      "properties": {
                        "tier": {
                          "type": "string"
                        },
                        "unit": {
                          "type": "string",
                          "enum": [
                            "image",
                            "second"
                          ]
                        },
                        "unit_price": {
                          "type": "string",
                          "description": "Exact decimal string."
                        },
                        "currency": {
                          "type": "string"
                        },
                        "effective_from": {
                          "type": "string",
                          "format": "date-time"
                        },
                        "note": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              },
              "ModelCatalog": {
                "type": "object",
                "required": [
                  "models"
                ],
                "properties": {
                  "models": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/CatalogModel"
                    }
                  }
                }
              },
              "ModelChangeRequest": {
                "type": "object",
                "description": "Adds the model shaped like `like` (kind, endpoint, rules, tier source, usage fields), or changes an existing model's figures when `like` is absent. Unknown members are refused. Every member may be null (counts as absent). Violations of the catalog's shape rules are 400 `InvalidParameter`.",
                "additionalProperties": false,
                "properties": {
                  "like": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "An existing model to copy the shape of. Required when the model does not exist yet.",
                    "pattern": "^[^\\u0000]*$"
                  },
                  "max_billable_seconds": {
                    "oneOf": [
                      {
                        "type": "string",
                        "pattern": "^[ \\t]*0*(([1-9][0-9]{0,3}|[1-7][0-9]{4}|8[0-5][0-9]{3}|86[0-3][0-9]{2})(\\.[0-9]{1,33})?|0\\.0{0,37}[1-9][0-9]{0,37}|86400(\\.0{1,33})?)[ \\t]*$"
                      },
                      {
                        "type": "number",
                        "exclusiveMinimum": 0,
                        "maximum": 86400
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "Generation models only: positive, at most 86400 (a plain decimal string or a number)."
                  },
                  "submissions_per_second": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 1,
                    "maximum": 1000
                  },
                  "max_concurrent_tasks": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 1,
                    "maximum": 1000,
                    "description": "Generation models only."
                  },
                  "default_tier": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Only for models whose tier comes from a parameter (like wan2.2-s2v).",
                    "pattern": "^[^\\u0000]*$"
                  }
                }
              }
            },
            "responses": {
              "Unauthorized": {
                "description": "No usable gateway key: `Authorization: Bearer <key>` missing or malformed, or the key is unknown or revoked.",
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "code": {
                              "enum": [
                                "InvalidApiKey"
                              ]
                            }
                          }
                        }
                      ]
                    },
                    "examples": {
                      "missing": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "InvalidApiKey",
                          "message": "No API-key provided."
                        }
                      },
                      "unknown": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "InvalidApiKey",
                          "message": "Invalid API-key provided."
                        }
                      }
                    }
                  }
                }
              },
              "AdminOnly": {
                "description": "A team key on an admin-only endpoint.",
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "code": {
                              "enum": [
                                "AccessDenied"
                              ]
                            }
                          }
                        }
                      ]
                    },
                    "examples": {
                      "teamKey": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "AccessDenied",
                          "message": "This endpoint needs an admin key (s2v-meter keys create --admin)."
                        }
                      }
                    }
                  }
                }
              },
              "BodyTooLarge": {
                "description": "The body is larger than 65536 bytes: refused as soon as `Content-Length` says so (before the body is sent, also with `Expect: 100-continue`), or once more than that has arrived.",
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "code": {
                              "enum": [
                                "InvalidParameter"
                              ]
                            }
                          }
                        }
                      ]
                    },
                    "examples": {
                      "tooLarge": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "InvalidParameter",
                          "message": "The request body is larger than 65536 bytes."
                        }
                      }
                    }
                  }
                }
              },
              "ServiceUnavailable": {
                "description": "The metering store (PostgreSQL) is unreachable or did not answer within the store deadline; the gateway fails closed and nothing was charged or sent (unless the message says the upstream call was made and its outcome is being recorded).",
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "code": {
                              "enum": [
                                "ServiceUnavailable"
                              ]
                            }
                          }
                        }
                      ]
                    },
                    "examples": {
                      "store": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "ServiceUnavailable",
                          "message": "The metering store is unreachable; no call was made, please retry."
                        }
                      }
                    }
                  }
                }
              },
              "ReportInvalid": {
                "description": "A query parameter was refused (format, dates, grouping, a team the caller may not name or that does not exist, a U+0000 in any query parameter).",
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "code": {
                              "enum": [
                                "InvalidParameter"
                              ]
                            }
                          }
                        }
                      ]
                    },
                    "examples": {
                      "format": {
                        "value": {
                          "request_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                          "code": "InvalidParameter",
                          "message": "format must be one of table, csv, json; got 'xml'."
                        }
                      }
                    }
                  }
                }
              },
              "QueryNUL": {
                "description": "A query parameter holds U+0000 (NUL), which no parameter of the gateway accepts; refused before the route runs, on every route.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "examples": {
                      "nul": {
                        "value": {
                          "request_id": "7d0c5f7e-5f0e-4bd4-9a55-0d2d3c3f9b10",
                          "code": "InvalidParameter",
                          "message": "The query parameter 'x' contains U+0000 (NUL)."
                        }
                      }
                    }
                  }
                }
              }
            },
            "headers": {
              "RetryAfter": {
                "description": "Seconds after which a retry may pass. Sent with every 429 the gateway itself refuses (not with an upstream 429 passed through).",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                }
              },
              "RateLimitLimit": {
                "description": "Client-limit refusals only: the limit that refused (bucket burst, task cap or daily count).",
                "schema": {
                  "type": "string"
                }
              },
              "RateLimitRemaining": {
                "description": "Client-limit refusals only: what is left of it.",
                "schema": {
                  "type": "string"
                }
              },
              "RateLimitReset": {
                "description": "Client-limit refusals only: seconds until the limit is whole again.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                }
              },
              "CacheControlNoStore": {
                "description": "`no-store`.",
                "required": true,
                "schema": {
                  "type": "string",
                  "const": "no-store"
                }
              },
              "ContentSecurityPolicy": {
                "description": "No script, no external resource, no framing.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              },
              "ReferrerPolicy": {
                "description": "`no-referrer`.",
                "required": true,
                "schema": {
                  "type": "string",
                  "const": "no-referrer"
                }
              },
              "NextCursor": {
                "description": "Present when there is a next page: pass it as `cursor`.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]+$"
                }
              },
              "S2VRequestId": {
                "description": "The gateway's request id (the body's `request_id` is the upstream's).",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              "RetryAfterRequired": {
                "description": "Seconds after which a retry may pass.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                },
                "required": true
              },
              "RateLimitLimitRequired": {
                "description": "the limit that refused (bucket burst, task cap or daily count).",
                "schema": {
                  "type": "string"
                },
                "required": true
              },
              "RateLimitRemainingRequired": {
                "description": "what is left of it.",
                "schema": {
                  "type": "string"
                },
                "required": true
              },
              "RateLimitResetRequired": {
                "description": "seconds until the limit is whole again.",
                "schema": {
                  "type": "integer",
                  "minimum": 0
                },
                "required": true
              }
            }
          }
        }

        """#
}
