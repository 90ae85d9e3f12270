// Generated from docs/openapi.json by scripts/embed-openapi.py (make openapi): do not edit.
enum OpenAPIText {
    /// docs/openapi.json, byte for byte but its last newline.
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Flywire Payments API, as fwpay-sandbox serves it",
    "version": "0.2.0",
    "description": "Everything fwpay-sandbox serves: Flywire's Payments API under /payments/v1, the payer's form, the control API under /sandbox, and the merchant's pages and Payment Dashboard.\n\nEvery operation, schema and member carries `x-source`: `documented` (Flywire's developer pages and the seeds), `integrations` (seen in public integrations that run against the real API, real-api-evidence.md) or `sandbox-only` (an invention of fwpay, which Flywire is not known to have). `x-fwpay-c` names the C function of fwpay that calls the operation (`fwp_request` when it has none of its own).\n\nAmounts are integers in subunits of their currency. Every answer carries `X-Request-Id` and `Fwpay-Sandbox-Version` [sandbox-only]. Beside the answers described here, the sandbox answers 421 to a request whose Host is not its own (DNS rebinding), and the faults a client injects (POST /sandbox/faults: 429, 5xx, dropped connections) on that client's requests.",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "/",
      "description": "This fwpay-sandbox (every operation)"
    },
    {
      "url": "https://api-platform-sandbox.flywire.com",
      "description": "Flywire's sandbox (the /payments/v1 operations)"
    },
    {
      "url": "https://api-platform.flywire.com",
      "description": "Flywire's production (the /payments/v1 operations)"
    }
  ],
  "security": [
    {
      "apiKey": []
    }
  ],
  "tags": [
    {
      "name": "recipients"
    },
    {
      "name": "offers"
    },
    {
      "name": "orders"
    },
    {
      "name": "checkout sessions"
    },
    {
      "name": "payments"
    },
    {
      "name": "refunds"
    },
    {
      "name": "refund bundles"
    },
    {
      "name": "payer form"
    },
    {
      "name": "sandbox control"
    },
    {
      "name": "sandbox faults"
    },
    {
      "name": "service"
    },
    {
      "name": "pages"
    },
    {
      "name": "sandbox listen",
      "description": "Long polling for `fwpay listen --pull`: a poll may be held open for up to 25 seconds"
    }
  ],
  "paths": {
    "/payments/v1/recipients": {
      "get": {
        "operationId": "recipient_list",
        "summary": "The recipients available to this client",
        "tags": [
          "recipients"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_recipient_list",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of recipients",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecipientSummaryPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/payments/v1/recipients/{recipient_id}": {
      "get": {
        "operationId": "recipient_get",
        "summary": "A recipient's details: fields and amount limits",
        "tags": [
          "recipients"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_recipient_get",
        "parameters": [
          {
            "name": "recipient_id",
            "in": "path",
            "required": true,
            "description": "A recipient id, e.g. \"FWU\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The recipient",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Recipient"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/offers": {
      "get": {
        "operationId": "offer_list",
        "summary": "The offers for paying an amount to a recipient from a country",
        "tags": [
          "offers"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_offer_list",
        "parameters": [
          {
            "name": "recipient",
            "in": "query",
            "required": true,
            "description": "The recipient id",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          },
          {
            "name": "amount",
            "in": "query",
            "required": true,
            "description": "Subunits of the recipient's currency",
            "schema": {
              "type": "integer",
              "minimum": 1
            },
            "x-source": "documented"
          },
          {
            "name": "country",
            "in": "query",
            "required": true,
            "description": "The payer's country (ISO 3166 alpha-2)",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "One offer per payment method",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "offers": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Offer"
                      },
                      "x-source": "documented"
                    }
                  },
                  "required": [
                    "offers"
                  ],
                  "x-source": "documented"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/orders": {
      "post": {
        "operationId": "order_create",
        "summary": "Creates an order, the shopping cart of a payment",
        "tags": [
          "orders"
        ],
        "x-source": "documented",
        "description": "Creation errors are titled \"Bad Request\" (with status 422), as seed 002 shows",
        "x-fwpay-c": "fwp_order_create",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "payer": {
                    "type": "object",
                    "properties": {
                      "first_name": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "last_name": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "email": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "country": {
                        "type": "string",
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "recipient": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "fields": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "id": {
                              "type": "string",
                              "x-source": "documented"
                            },
                            "value": {
                              "type": "string",
                              "x-source": "documented"
                            }
                          },
                          "x-source": "documented"
                        },
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "id": {
                          "type": "string",
                          "x-source": "documented"
                        },
                        "amount": {
                          "type": "number",
                          "x-source": "documented"
                        },
                        "description": {
                          "type": "string",
                          "x-source": "documented"
                        }
                      },
                      "x-source": "documented"
                    },
                    "x-source": "documented"
                  },
                  "offer": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string",
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "metadata": {
                    "type": "object",
                    "maxProperties": 20,
                    "additionalProperties": {
                      "type": "string",
                      "maxLength": 500
                    },
                    "x-source": "documented"
                  },
                  "notifications_url": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "external_reference": {
                    "type": "string",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              },
              "example": {
                "payer": {
                  "first_name": "SANDBOX_TO_DELIVERED_STATUS",
                  "last_name": "Payer",
                  "email": "payer@example.com",
                  "country": "ES"
                },
                "recipient": {
                  "id": "FWU",
                  "fields": [
                    {
                      "id": "custom_field_1",
                      "value": "ID1"
                    }
                  ]
                },
                "items": [
                  {
                    "id": "tuition",
                    "amount": 120000,
                    "description": "Tuition"
                  }
                ],
                "offer": {
                  "id": "MTIwMDAwIHB0X2JhbmtfdHJhbnNmZXJfZXVyIEVT"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The order",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Order"
                }
              }
            },
            "links": {
              "charge": {
                "operationId": "order_charge",
                "parameters": {
                  "order_id": "$response.body#/id"
                }
              },
              "get": {
                "operationId": "order_get",
                "parameters": {
                  "order_id": "$response.body#/id"
                }
              },
              "update": {
                "operationId": "order_update",
                "parameters": {
                  "order_id": "$response.body#/id"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "get": {
        "operationId": "order_list",
        "summary": "This client's orders",
        "tags": [
          "orders"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_order_list",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "name": "recipient",
            "in": "query",
            "required": false,
            "description": "Only this recipient's orders",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "open or charged",
            "schema": {
              "type": "string",
              "enum": [
                "open",
                "charged"
              ]
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "country",
            "in": "query",
            "required": false,
            "description": "Orders usable with a portal in this country",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of orders",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OrderPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/payments/v1/orders/{order_id}": {
      "get": {
        "operationId": "order_get",
        "summary": "An order as stored",
        "tags": [
          "orders"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_order_get",
        "parameters": [
          {
            "name": "order_id",
            "in": "path",
            "required": true,
            "description": "The order's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The order",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Order"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      },
      "patch": {
        "operationId": "order_update",
        "summary": "Edits an open order; the order keeps its id",
        "tags": [
          "orders"
        ],
        "x-source": "documented",
        "description": "`recipient.id` cannot be updated (422), even when it matches",
        "x-fwpay-c": "fwp_order_update",
        "parameters": [
          {
            "name": "order_id",
            "in": "path",
            "required": true,
            "description": "The order's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "payer": {
                    "type": "object",
                    "properties": {
                      "first_name": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "last_name": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "email": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "country": {
                        "type": "string",
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "recipient": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "fields": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "properties": {
                            "id": {
                              "type": "string",
                              "x-source": "documented"
                            },
                            "value": {
                              "type": "string",
                              "x-source": "documented"
                            }
                          },
                          "x-source": "documented"
                        },
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": {
                        "id": {
                          "type": "string",
                          "x-source": "documented"
                        },
                        "amount": {
                          "type": "number",
                          "x-source": "documented"
                        },
                        "description": {
                          "type": "string",
                          "x-source": "documented"
                        }
                      },
                      "x-source": "documented"
                    },
                    "x-source": "documented"
                  },
                  "metadata": {
                    "type": "object",
                    "maxProperties": 20,
                    "additionalProperties": {
                      "type": "string",
                      "maxLength": 500
                    },
                    "x-source": "documented"
                  },
                  "notifications_url": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "external_reference": {
                    "type": "string",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              },
              "example": {
                "items": [
                  {
                    "id": "tuition",
                    "amount": 130000
                  }
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The order as edited",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Order"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/orders/{order_id}/charge": {
      "post": {
        "operationId": "order_charge",
        "summary": "Charges an order, turning it into a payment",
        "tags": [
          "orders"
        ],
        "x-source": "documented",
        "description": "An order is charged once (a second charge: 422)",
        "x-fwpay-c": "fwp_order_charge",
        "parameters": [
          {
            "name": "order_id",
            "in": "path",
            "required": true,
            "description": "The order's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "201": {
            "description": "The payment made",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OrderCharge"
                }
              }
            },
            "links": {
              "payment": {
                "operationId": "payment_get",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                }
              },
              "refund": {
                "operationId": "refund_create",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                },
                "requestBody": {
                  "amount": 1000
                }
              },
              "receipt": {
                "operationId": "payment_receipt",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/checkout/sessions": {
      "post": {
        "operationId": "session_create",
        "summary": "Creates a checkout session and the payer's form link",
        "tags": [
          "checkout sessions"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_session_create",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "type": {
                    "type": "string",
                    "examples": [
                      "one_off",
                      "tokenization",
                      "tokenization_and_pay",
                      "new_mandate",
                      "recurring"
                    ],
                    "x-source": "documented"
                  },
                  "recipient_id": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "order_id": {
                    "type": "string",
                    "x-source": "sandbox-only"
                  },
                  "payor_id": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "schema": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "external_reference": {
                    "type": "string",
                    "maxLength": 50,
                    "x-source": "documented"
                  },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    },
                    "x-source": "documented"
                  },
                  "recipient": {
                    "type": "object",
                    "x-source": "documented"
                  },
                  "charge_intent": {
                    "type": "object",
                    "properties": {
                      "capture": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "authorization": {
                        "type": "string",
                        "x-source": "documented"
                      },
                      "mode": {
                        "type": "string",
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "options": {
                    "type": "object",
                    "x-source": "documented"
                  },
                  "notifications_url": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "metadata": {
                    "type": "object",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              },
              "example": {
                "type": "tokenization_and_pay",
                "recipient_id": "FWU",
                "schema": "cards",
                "charge_intent": {
                  "capture": "manual",
                  "authorization": "preauth",
                  "mode": "unscheduled"
                },
                "recipient": {
                  "fields": [
                    {
                      "id": "custom_field_1",
                      "value": "X"
                    }
                  ]
                },
                "items": [
                  {
                    "id": "default",
                    "amount": 60000
                  }
                ]
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The session",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SessionCreated"
                }
              }
            },
            "links": {
              "form": {
                "operationId": "payer_form_submit",
                "parameters": {
                  "session_id": "$response.body#/id"
                },
                "requestBody": {
                  "first_name": "Peter",
                  "last_name": "Payer",
                  "email": "payer@example.com",
                  "country": "US",
                  "card_holder": "Peter Payer",
                  "card_number": "4111 1111 1111 1111",
                  "card_expiration": "03/30",
                  "cvv": "737"
                },
                "description": "The payer sends the form"
              },
              "details": {
                "operationId": "session_get",
                "parameters": {
                  "session_id": "$response.body#/id"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/checkout/sessions/{session_id}": {
      "get": {
        "operationId": "session_get",
        "summary": "A session's state",
        "tags": [
          "checkout sessions"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "session_id",
            "in": "path",
            "required": true,
            "description": "The session's id (a UUID)",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The session",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Session"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/checkout/sessions/{session_id}/confirm": {
      "post": {
        "operationId": "session_confirm",
        "summary": "Confirms a session after the payer sent the form",
        "tags": [
          "checkout sessions"
        ],
        "x-source": "documented",
        "description": "200, as Flywire answers; a session id that is not a UUID is 422, as Flywire does [R]; a session that pays made its payment when the payer sent the form, and the confirm answers it (the same payment_reference); one that only tokenizes saves the card here",
        "x-fwpay-c": "fwp_session_confirm",
        "parameters": [
          {
            "name": "session_id",
            "in": "path",
            "required": true,
            "description": "The session's id (a UUID)",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "What the session made: the payment, the saved card, the mandate, the payer",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Confirmation"
                }
              }
            },
            "links": {
              "capture": {
                "operationId": "payment_capture",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                },
                "requestBody": {
                  "amount": 60000
                }
              },
              "adjust": {
                "operationId": "payment_adjust",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                },
                "requestBody": {
                  "amount": 70000
                }
              },
              "cancel": {
                "operationId": "payment_cancel",
                "parameters": {
                  "payment_reference": "$response.body#/payment_reference"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments": {
      "get": {
        "operationId": "payment_list",
        "summary": "This client's payments",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_list",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "name": "recipient",
            "in": "query",
            "required": false,
            "description": "Only this recipient's payments",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Only payments in this status",
            "schema": {
              "type": "string",
              "enum": [
                "initiated",
                "pending",
                "authorized",
                "adjusted",
                "processed",
                "guaranteed",
                "delivered",
                "failed",
                "cancelled",
                "reversed",
                "expired"
              ]
            },
            "x-source": "documented"
          },
          {
            "name": "external_reference",
            "in": "query",
            "required": false,
            "description": "Only payments with this external reference",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of payments",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PaymentPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/payments/v1/payments/charge": {
      "post": {
        "operationId": "payment_charge",
        "summary": "Charges a saved card with its token and mandate",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_charge",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "payment_method_token": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "mandate_id": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "recipient_id": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "recipient": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string",
                        "x-source": "documented"
                      }
                    },
                    "x-source": "documented"
                  },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    },
                    "x-source": "documented"
                  },
                  "charge_intent": {
                    "type": "object",
                    "x-source": "documented"
                  },
                  "external_reference": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "notifications_url": {
                    "type": "string",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The charge",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenCharge"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}": {
      "get": {
        "operationId": "payment_get",
        "summary": "A payment's details",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_get",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The payment",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/receipt": {
      "get": {
        "operationId": "payment_receipt",
        "summary": "A payment's receipt",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "description": "None for failed or cancelled payments (422)",
        "x-fwpay-c": "fwp_payment_receipt",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The receipt",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Receipt"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/process": {
      "post": {
        "operationId": "payment_process",
        "summary": "Marks a payment made from an order processed",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_process",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The payment as it now is",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/cancel": {
      "post": {
        "operationId": "payment_cancel",
        "summary": "Cancels a payment that is not processed yet; a hold is released at once",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_cancel",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The payment as it now is",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/captures": {
      "post": {
        "operationId": "payment_capture",
        "summary": "Captures (part of) a held amount, once",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_capture",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "amount": {
                    "type": "number",
                    "description": "Subunits",
                    "x-source": "documented"
                  }
                },
                "required": [
                  "amount"
                ],
                "x-source": "documented"
              },
              "example": {
                "amount": 60000
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The capture was received",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Capture"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/authorization_adjustments": {
      "post": {
        "operationId": "payment_adjust",
        "summary": "Raises the amount a pre-authorization holds",
        "tags": [
          "payments"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_payment_adjust",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "amount": {
                    "type": "number",
                    "description": "Subunits",
                    "x-source": "documented"
                  }
                },
                "required": [
                  "amount"
                ],
                "x-source": "documented"
              },
              "example": {
                "amount": 70000
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The adjustment was received",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Adjustment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/payments/{payment_reference}/refunds": {
      "post": {
        "operationId": "refund_create",
        "summary": "Refunds (part of) a delivered payment",
        "tags": [
          "refunds"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_refund_create",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "amount": {
                    "type": "number",
                    "x-source": "documented"
                  },
                  "currency": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "external_reference": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "notifications_url": {
                    "type": "string",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              },
              "example": {
                "amount": 1000
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The refund",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Refund"
                }
              }
            },
            "links": {
              "get": {
                "operationId": "refund_get",
                "parameters": {
                  "refund_id": "$response.body#/refund_id"
                }
              },
              "cancel": {
                "operationId": "refund_cancel",
                "parameters": {
                  "refund_id": "$response.body#/refund_id"
                }
              },
              "bundle": {
                "operationId": "bundle_get",
                "parameters": {
                  "bundle_id": "$response.body#/bundle_id"
                }
              },
              "approve": {
                "operationId": "bundle_approve",
                "parameters": {
                  "bundle_id": "$response.body#/bundle_id"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/refunds": {
      "get": {
        "operationId": "refund_list",
        "summary": "This client's refunds",
        "tags": [
          "refunds"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_refund_list",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "name": "payment_id",
            "in": "query",
            "required": false,
            "description": "Only this payment's refunds",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Only refunds in this status",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of refunds",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RefundPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/payments/v1/refunds/{refund_id}": {
      "get": {
        "operationId": "refund_get",
        "summary": "A refund",
        "tags": [
          "refunds"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_refund_get",
        "parameters": [
          {
            "name": "refund_id",
            "in": "path",
            "required": true,
            "description": "The refund's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The refund",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Refund"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/refunds/{refund_id}/cancel": {
      "post": {
        "operationId": "refund_cancel",
        "summary": "Cancels a refund not received yet",
        "tags": [
          "refunds"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_refund_cancel",
        "parameters": [
          {
            "name": "refund_id",
            "in": "path",
            "required": true,
            "description": "The refund's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The refund as it now is",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Refund"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/payments/v1/refund_bundles": {
      "get": {
        "operationId": "bundle_list",
        "summary": "This client's refund bundles",
        "tags": [
          "refund bundles"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_bundle_list",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of bundles",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RefundBundlePage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/payments/v1/refund_bundles/{bundle_id}": {
      "get": {
        "operationId": "bundle_get",
        "summary": "A refund bundle with its refunds",
        "tags": [
          "refund bundles"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_bundle_get",
        "parameters": [
          {
            "name": "bundle_id",
            "in": "path",
            "required": true,
            "description": "The bundle's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The bundle",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RefundBundle"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/payments/v1/refund_bundles/{bundle_id}/approve": {
      "post": {
        "operationId": "bundle_approve",
        "summary": "Approves a pending bundle, sending its refunds on",
        "tags": [
          "refund bundles"
        ],
        "x-source": "documented",
        "x-fwpay-c": "fwp_bundle_approve",
        "parameters": [
          {
            "name": "bundle_id",
            "in": "path",
            "required": true,
            "description": "The bundle's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The bundle as approved",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RefundBundle"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "409": {
            "$ref": "#/components/responses/E409"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/checkout/form": {
      "get": {
        "operationId": "payer_form",
        "summary": "The payer's form of a session",
        "tags": [
          "payer form"
        ],
        "x-source": "documented",
        "x-fwpay-c": null,
        "security": [],
        "parameters": [
          {
            "name": "session_id",
            "in": "query",
            "required": true,
            "description": "The checkout session",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The form",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such session",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "409": {
            "description": "The session is confirmed already",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "410": {
            "description": "The session has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "post": {
        "operationId": "payer_form_submit",
        "summary": "The payer sends the form",
        "tags": [
          "payer form"
        ],
        "x-source": "documented",
        "description": "A browser posts the form (an HTML answer); a client that sends JSON gets JSON [S], which is how tests pay without a browser. A session that pays makes its payment (and saves its card) here, once: a second submission is refused",
        "x-fwpay-c": null,
        "security": [],
        "parameters": [
          {
            "name": "session_id",
            "in": "query",
            "required": true,
            "description": "The checkout session",
            "schema": {
              "type": "string"
            },
            "x-source": "documented"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "first_name": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "last_name": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "email": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "country": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "card_number": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "card_expiration": {
                    "type": "string",
                    "description": "MM/YY",
                    "x-source": "documented"
                  },
                  "cvv": {
                    "type": "string",
                    "x-source": "documented"
                  },
                  "card_holder": {
                    "type": "string",
                    "description": "The test cards' holder names choose the outcome [S]",
                    "x-source": "documented"
                  }
                },
                "x-source": "documented"
              }
            },
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Sent",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FormSent"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "links": {
              "confirm": {
                "operationId": "session_confirm",
                "parameters": {
                  "session_id": "$request.query.session_id"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "404": {
            "description": "No such session",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "409": {
            "description": "The session is confirmed already (a browser's post; JSON gets 422)",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "410": {
            "description": "The session has expired",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "422": {
            "description": "A field is missing or invalid (each one an entry of `errors`), or the session is confirmed already",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              },
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/track/{payment_reference}": {
      "get": {
        "operationId": "page_tracking",
        "summary": "The payer's tracking page of a payment (what metadata.tracking_url of GET /payments/{payment_reference} links)",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [],
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "token",
            "in": "query",
            "required": false,
            "description": "The token of the link the API gave",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "The payment's status, amount and history (no card data)",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such payment, or not the link's token",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/sandbox/clock": {
      "get": {
        "operationId": "sandbox_clock",
        "summary": "This client's test clock",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "The clock",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Clock"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/sandbox/clock/advance": {
      "post": {
        "operationId": "sandbox_advance",
        "summary": "Moves this client's clock forward; makes what falls due",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "seconds": {
                    "type": "number",
                    "x-source": "sandbox-only"
                  },
                  "minutes": {
                    "type": "number",
                    "x-source": "sandbox-only"
                  },
                  "hours": {
                    "type": "number",
                    "x-source": "sandbox-only"
                  },
                  "days": {
                    "type": "number",
                    "x-source": "sandbox-only"
                  }
                },
                "x-source": "sandbox-only"
              },
              "example": {
                "days": 1
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The clock, and how many changes were made",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Clock"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/payments/{payment_reference}/transition": {
      "post": {
        "operationId": "sandbox_transition",
        "summary": "Makes a change the payment lifecycle allows, now",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "initiated",
                      "pending",
                      "authorized",
                      "adjusted",
                      "processed",
                      "guaranteed",
                      "delivered",
                      "failed",
                      "cancelled",
                      "reversed",
                      "expired"
                    ],
                    "x-source": "sandbox-only"
                  },
                  "reason": {
                    "type": "string",
                    "x-source": "sandbox-only"
                  }
                },
                "required": [
                  "status"
                ],
                "x-source": "sandbox-only"
              },
              "example": {
                "status": "guaranteed"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The payment",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/refunds/{refund_id}/transition": {
      "post": {
        "operationId": "sandbox_refund_transition",
        "summary": "Makes a change the refund lifecycle allows, now",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "refund_id",
            "in": "path",
            "required": true,
            "description": "The refund's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "initiated",
                      "approved",
                      "received",
                      "finished",
                      "completed",
                      "cancelled",
                      "returned",
                      "rejected",
                      "failed"
                    ],
                    "x-source": "sandbox-only"
                  }
                },
                "required": [
                  "status"
                ],
                "x-source": "sandbox-only"
              },
              "example": {
                "status": "approved"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The refund",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Refund"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/notifications": {
      "get": {
        "operationId": "sandbox_notifications",
        "summary": "This client's notifications with their delivery attempts",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "name": "resource_id",
            "in": "query",
            "required": false,
            "description": "Only this payment's or refund's",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "One page, newest first",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/sandbox/notifications/poll": {
      "get": {
        "operationId": "sandbox_poll_notifications",
        "summary": "Waits for this client's next notifications (what `fwpay listen --pull` polls), oldest first",
        "description": "Answers at once when this client has notifications after `after` (without it, after its newest one now), else when one comes or `wait` seconds have passed. While a client polls, the notifications it has no URL for are kept for pulling (state listen_only). The answer's `after` is where the next poll starts.",
        "tags": [
          "sandbox listen"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "after",
            "in": "query",
            "required": false,
            "description": "The id of the last notification taken",
            "schema": {
              "type": "integer",
              "minimum": 0
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "wait",
            "in": "query",
            "required": false,
            "description": "Seconds to wait for the first (default 25)",
            "schema": {
              "type": "number",
              "minimum": 0,
              "maximum": 25
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "events",
            "in": "query",
            "required": false,
            "description": "Only these event types, comma-separated (at most 32)",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "The notifications after `after` (at most 100), maybe none",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationPoll"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/notifications/{notification_id}/resend": {
      "post": {
        "operationId": "sandbox_resend",
        "summary": "Queues a notification again, now",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "notification_id",
            "in": "path",
            "required": true,
            "description": "The notification's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "201": {
            "description": "The new notification",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Notification"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "404": {
            "$ref": "#/components/responses/E404"
          }
        }
      }
    },
    "/sandbox/settings": {
      "get": {
        "operationId": "sandbox_settings",
        "summary": "This client's settings",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "The settings",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Settings"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      },
      "post": {
        "operationId": "sandbox_change_settings",
        "summary": "Changes this client's settings",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "notification_format": {
                    "type": "string",
                    "enum": [
                      "v2",
                      "v2_without_status",
                      "classic"
                    ],
                    "x-source": "sandbox-only"
                  }
                },
                "x-source": "sandbox-only"
              },
              "example": {
                "notification_format": "v2"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The settings",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Settings"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/faults": {
      "get": {
        "operationId": "sandbox_faults",
        "summary": "This client's injected faults",
        "tags": [
          "sandbox faults"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "The faults",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "faults": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Fault"
                      },
                      "x-source": "sandbox-only"
                    }
                  },
                  "required": [
                    "faults"
                  ],
                  "x-source": "sandbox-only"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      },
      "post": {
        "operationId": "sandbox_add_fault",
        "summary": "Injects a fault into this client's next requests",
        "tags": [
          "sandbox faults"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "path": {
                    "type": "string",
                    "x-source": "sandbox-only"
                  },
                  "method": {
                    "type": "string",
                    "x-source": "sandbox-only"
                  },
                  "kind": {
                    "type": "string",
                    "enum": [
                      "latency",
                      "error",
                      "rate_limit",
                      "drop_before",
                      "drop_after"
                    ],
                    "x-source": "sandbox-only"
                  },
                  "count": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 100000,
                    "x-source": "sandbox-only"
                  },
                  "latency_ms": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 120000,
                    "x-source": "sandbox-only"
                  },
                  "status": {
                    "type": "integer",
                    "minimum": 400,
                    "maximum": 599,
                    "x-source": "sandbox-only"
                  }
                },
                "required": [
                  "kind"
                ],
                "x-source": "sandbox-only"
              },
              "example": {
                "path": "/recipients",
                "kind": "latency",
                "latency_ms": 1
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The fault",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fault"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "delete": {
        "operationId": "sandbox_clear_faults",
        "summary": "Removes this client's faults",
        "tags": [
          "sandbox faults"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "No faults",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "faults": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Fault"
                      },
                      "x-source": "sandbox-only"
                    }
                  },
                  "required": [
                    "faults"
                  ],
                  "x-source": "sandbox-only"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/sandbox/requests": {
      "get": {
        "operationId": "sandbox_requests",
        "summary": "This client's last requests, newest first",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "request_id",
            "in": "query",
            "required": false,
            "description": "Only the request with this id",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "At most this many",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "The requests",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "requests": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/LoggedRequest"
                      },
                      "x-source": "sandbox-only"
                    }
                  },
                  "required": [
                    "requests"
                  ],
                  "x-source": "sandbox-only"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      }
    },
    "/sandbox/reset": {
      "post": {
        "operationId": "sandbox_reset",
        "summary": "Deletes this client's data; its clock goes back to real time",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "What was deleted",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "deleted": {
                      "type": "object",
                      "properties": {
                        "orders": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        },
                        "payments": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        },
                        "sessions": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        },
                        "refunds": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        },
                        "refund_bundles": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        },
                        "notifications": {
                          "type": "integer",
                          "x-source": "sandbox-only"
                        }
                      },
                      "required": [
                        "orders",
                        "payments",
                        "sessions",
                        "refunds",
                        "refund_bundles",
                        "notifications"
                      ],
                      "x-source": "sandbox-only"
                    }
                  },
                  "required": [
                    "deleted"
                  ],
                  "x-source": "sandbox-only"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/sandbox/listener": {
      "get": {
        "operationId": "sandbox_listener",
        "summary": "The newest registered receiver that still listens, which stands in for this client's notifications URL",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "responses": {
          "200": {
            "description": "The listener, or a null url",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Listener"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      },
      "post": {
        "operationId": "sandbox_register_listener",
        "summary": "Registers a receiver (what `fwpay listen` does); registrations stack, the newest wins",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "url": {
                    "type": "string",
                    "maxLength": 2048,
                    "x-source": "sandbox-only"
                  }
                },
                "required": [
                  "url"
                ],
                "x-source": "sandbox-only"
              },
              "example": {
                "url": "http://127.0.0.1:9/hook"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The listener",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Listener"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/E400"
          },
          "401": {
            "$ref": "#/components/responses/E401"
          },
          "413": {
            "$ref": "#/components/responses/E413"
          },
          "415": {
            "$ref": "#/components/responses/E415"
          },
          "422": {
            "$ref": "#/components/responses/E422"
          }
        }
      },
      "delete": {
        "operationId": "sandbox_unregister_listener",
        "summary": "Removes a receiver: the one given by url (the one registered before it takes over), or all",
        "tags": [
          "sandbox control"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": "fwp_request",
        "parameters": [
          {
            "name": "url",
            "in": "query",
            "required": false,
            "description": "The registration to remove (what fwpay listen registered); without it, every registration of the client",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "No listener",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/RequestId"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Listener"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/E401"
          }
        }
      }
    },
    "/health": {
      "get": {
        "operationId": "health",
        "summary": "Whether the sandbox answers",
        "tags": [
          "service"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [],
        "responses": {
          "200": {
            "description": "It does",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "status": {
                      "type": "string",
                      "const": "ok",
                      "x-source": "sandbox-only"
                    }
                  },
                  "required": [
                    "status"
                  ],
                  "x-source": "sandbox-only"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This description",
        "tags": [
          "service"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 description",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/sign-in": {
      "get": {
        "operationId": "page_sign_in",
        "summary": "The sign-in page (with the API key)",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [],
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "post": {
        "operationId": "page_sign_in_submit",
        "summary": "Signs in",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "Signed in: to the page asked for"
          },
          "401": {
            "description": "Unknown key",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "Posted from another site",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/sign-out": {
      "post": {
        "operationId": "page_sign_out",
        "summary": "Signs out",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "To the sign-in page"
          },
          "401": {
            "description": "Not signed in (any more): sign in, then send the form again",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "The form has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/": {
      "get": {
        "operationId": "page_home",
        "summary": "To the dashboard",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "responses": {
          "303": {
            "description": "To /dashboard"
          }
        }
      }
    },
    "/merchant/sessions/new": {
      "get": {
        "operationId": "page_new_session",
        "summary": "The merchant's Create Session page",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "Not signed in: to the sign-in page"
          }
        }
      }
    },
    "/merchant/sessions": {
      "post": {
        "operationId": "page_create_session",
        "summary": "Creates a session from the page",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The session and its form link",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Not signed in (any more): sign in, then send the form again",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "The form has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "422": {
            "description": "A rule is broken",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/dashboard": {
      "get": {
        "operationId": "page_dashboard",
        "summary": "The Payment Dashboard: payments with filters, search and pages",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "parameters": [
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "Search",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Status",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "recipient",
            "in": "query",
            "required": false,
            "description": "Recipient",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          },
          {
            "name": "page",
            "in": "query",
            "required": false,
            "description": "Page",
            "schema": {
              "type": "integer",
              "minimum": 1
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "Not signed in: to the sign-in page"
          }
        }
      }
    },
    "/dashboard/payments/{payment_reference}": {
      "get": {
        "operationId": "page_payment",
        "summary": "A payment's page",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          }
        ],
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "Not signed in: to the sign-in page"
          },
          "404": {
            "description": "No such payment",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/dashboard/payments/{payment_reference}/{action}": {
      "post": {
        "operationId": "page_payment_action",
        "summary": "An action on a payment (capture, cancel, refund, advance status)",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "parameters": [
          {
            "name": "payment_reference",
            "in": "path",
            "required": true,
            "description": "The payment reference, e.g. \"FWU123456789\"",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "documented"
          },
          {
            "name": "action",
            "in": "path",
            "required": true,
            "description": "capture, cancel, refund or advance",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "sandbox-only"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "Done: back to the payment's page"
          },
          "401": {
            "description": "Not signed in (any more): sign in, then send the form again",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "The form has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such payment or action",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "422": {
            "description": "The action is refused",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/dashboard/notifications/{notification_id}/resend": {
      "post": {
        "operationId": "page_resend",
        "summary": "Resends a notification",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "parameters": [
          {
            "name": "notification_id",
            "in": "path",
            "required": true,
            "description": "The notification's id",
            "schema": {
              "type": "string",
              "minLength": 1
            },
            "x-source": "sandbox-only"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "Back to the payment's page"
          },
          "401": {
            "description": "Not signed in (any more): sign in, then send the form again",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "The form has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such notification",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/dashboard/requests": {
      "get": {
        "operationId": "page_requests",
        "summary": "This client's last requests; finds one by request id",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "query",
            "required": false,
            "description": "A request id",
            "schema": {
              "type": "string"
            },
            "x-source": "sandbox-only"
          }
        ],
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "303": {
            "description": "Not signed in: to the sign-in page"
          }
        }
      }
    },
    "/dashboard/clock": {
      "post": {
        "operationId": "page_clock",
        "summary": "Moves the client's clock on by 1, 24 or 168 hours",
        "tags": [
          "pages"
        ],
        "x-source": "sandbox-only",
        "x-fwpay-c": null,
        "security": [
          {
            "signIn": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "303": {
            "description": "Back to the page"
          },
          "401": {
            "description": "Not signed in (any more): sign in, then send the form again",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "403": {
            "description": "The form has expired",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "422": {
            "description": "Not 1, 24 or 168",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "apiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Authentication-Key",
        "x-source": "documented"
      },
      "signIn": {
        "type": "apiKey",
        "in": "cookie",
        "name": "fwpay_sandbox_session",
        "x-source": "sandbox-only",
        "description": "The merchant's pages: a sign-in with the API key at /sign-in"
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "x-source": "sandbox-only",
        "description": "A retried POST with the same key and body gets the first answer again; 1 to 255 printable ASCII characters",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255,
          "pattern": "^[!-~]+$"
        }
      },
      "Page": {
        "name": "page",
        "in": "query",
        "required": false,
        "x-source": "sandbox-only",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 1000000,
          "default": 1
        }
      },
      "PerPage": {
        "name": "per_page",
        "in": "query",
        "required": false,
        "x-source": "sandbox-only",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 10
        }
      }
    },
    "headers": {
      "RequestId": {
        "description": "The request's id (req_…), which GET /sandbox/requests finds",
        "required": true,
        "schema": {
          "type": "string"
        },
        "x-source": "integrations"
      }
    },
    "responses": {
      "E400": {
        "description": "The body or a query parameter is not usable (not JSON, not an object, a number out of range)",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E401": {
        "description": "Missing or unknown X-Authentication-Key",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E404": {
        "description": "No such resource for this client",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E409": {
        "description": "A request with this Idempotency-Key is still being handled (retry later)",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E413": {
        "description": "The body is larger than 1 MiB",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E415": {
        "description": "The body is not application/json",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "E422": {
        "description": "The request breaks a rule: every broken rule is one entry of `errors`",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/RequestId"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "properties": {
          "type": {
            "type": "string",
            "x-source": "documented"
          },
          "title": {
            "type": "string",
            "x-source": "documented"
          },
          "status": {
            "type": "integer",
            "description": "An integer, as the real API sends it (the documentation's 400 example shows a string)",
            "x-source": "integrations"
          },
          "detail": {
            "type": "string",
            "x-source": "documented"
          },
          "errors": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ProblemEntry"
            },
            "maxItems": 51,
            "x-source": "documented"
          }
        },
        "required": [
          "type",
          "title",
          "status",
          "detail"
        ],
        "description": "An error, in RFC 7807 form",
        "x-source": "documented"
      },
      "ProblemEntry": {
        "type": "object",
        "properties": {
          "source": {
            "type": "string",
            "x-source": "documented"
          },
          "param": {
            "type": "string",
            "x-source": "documented"
          },
          "type": {
            "type": "string",
            "x-source": "documented"
          },
          "message": {
            "type": "string",
            "x-source": "documented"
          }
        },
        "required": [
          "source",
          "param",
          "type",
          "message"
        ],
        "x-source": "documented"
      },
      "RecipientSummary": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "x-source": "documented"
          },
          "external_code": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "integrations"
          },
          "name": {
            "type": "string",
            "x-source": "integrations"
          },
          "country": {
            "type": "string",
            "x-source": "integrations"
          },
          "state": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "integrations"
          },
          "currency": {
            "type": "string",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "id",
          "name",
          "country",
          "currency"
        ],
        "x-source": "documented"
      },
      "Recipient": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "x-source": "documented"
          },
          "name": {
            "type": "string",
            "x-source": "documented"
          },
          "country": {
            "type": "string",
            "x-source": "documented"
          },
          "currency": {
            "type": "string",
            "x-source": "documented"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string",
                  "x-source": "documented"
                },
                "label": {
                  "type": "string",
                  "x-source": "documented"
                },
                "type": {
                  "type": "string",
                  "x-source": "documented"
                },
                "required": {
                  "type": "boolean",
                  "x-source": "sandbox-only"
                }
              },
              "required": [
                "id",
                "label",
                "type",
                "required"
              ],
              "x-source": "documented"
            },
            "x-source": "documented"
          },
          "settings": {
            "type": "object",
            "properties": {
              "currency": {
                "type": "string",
                "x-source": "documented"
              },
              "min_amount": {
                "type": "integer",
                "x-source": "sandbox-only"
              },
              "max_amount": {
                "type": "integer",
                "x-source": "sandbox-only"
              }
            },
            "required": [
              "currency",
              "min_amount",
              "max_amount"
            ],
            "x-source": "documented"
          }
        },
        "required": [
          "id",
          "name",
          "country",
          "currency",
          "fields",
          "settings"
        ],
        "x-source": "documented"
      },
      "Money": {
        "type": "object",
        "properties": {
          "value": {
            "type": "integer",
            "description": "Subunits of `currency`",
            "x-source": "documented"
          },
          "currency": {
            "type": "string",
            "x-source": "documented"
          }
        },
        "required": [
          "value",
          "currency"
        ],
        "x-source": "documented"
      },
      "Offer": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "description": "Base64 of \"AMOUNT pt_METHOD_CURRENCY COUNTRY\", as Flywire's example",
            "x-source": "documented"
          },
          "type": {
            "type": "string",
            "examples": [
              "bank_transfer",
              "card"
            ],
            "x-source": "documented"
          },
          "price": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Money"
              }
            ],
            "x-source": "documented"
          },
          "amount_to": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Money"
              }
            ],
            "x-source": "documented"
          },
          "exchange_rate": {
            "type": "number",
            "x-source": "documented"
          },
          "fields": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string",
                  "x-source": "documented"
                },
                "required": {
                  "type": "boolean",
                  "x-source": "documented"
                }
              },
              "required": [
                "id",
                "required"
              ],
              "x-source": "documented"
            },
            "x-source": "documented"
          }
        },
        "required": [
          "id",
          "type",
          "price",
          "amount_to",
          "exchange_rate",
          "fields"
        ],
        "x-source": "documented"
      },
      "Order": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "x-source": "documented"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "documented"
          },
          "payer": {
            "type": "object",
            "x-source": "documented"
          },
          "recipient": {
            "type": "object",
            "x-source": "documented"
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object"
            },
            "x-source": "documented"
          },
          "offer": {
            "type": "object",
            "x-source": "documented"
          },
          "metadata": {
            "type": "object",
            "x-source": "documented"
          },
          "status": {
            "type": "string",
            "enum": [
              "open",
              "charged"
            ],
            "x-source": "sandbox-only"
          },
          "payment_reference": {
            "type": "string",
            "description": "The payment that charged the order",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "id",
          "created_at",
          "status"
        ],
        "description": "The stored body (every member the client sent) with the server's id, created_at and status",
        "x-source": "documented"
      },
      "OrderCharge": {
        "type": "object",
        "properties": {
          "payment_reference": {
            "type": "string",
            "x-source": "documented"
          },
          "amount_from": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency_from": {
            "type": "string",
            "x-source": "documented"
          },
          "amount_to": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency_to": {
            "type": "string",
            "x-source": "documented"
          }
        },
        "required": [
          "payment_reference",
          "amount_from",
          "currency_from",
          "amount_to",
          "currency_to"
        ],
        "x-source": "documented"
      },
      "SessionCreated": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid",
            "x-source": "documented"
          },
          "expires_at": {
            "type": "string",
            "description": "\"2025-10-21T16:25:15.117+00:00\"",
            "x-source": "integrations"
          },
          "expires_in_seconds": {
            "type": "integer",
            "x-source": "documented"
          },
          "hosted_form": {
            "type": "object",
            "properties": {
              "url": {
                "type": "string",
                "x-source": "documented"
              },
              "method": {
                "type": "string",
                "x-source": "documented"
              }
            },
            "required": [
              "url",
              "method"
            ],
            "x-source": "documented"
          },
          "warnings": {
            "type": "array",
            "items": {},
            "x-source": "documented"
          }
        },
        "required": [
          "id",
          "expires_at",
          "expires_in_seconds",
          "hosted_form",
          "warnings"
        ],
        "x-source": "documented"
      },
      "Session": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "type": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "string",
            "enum": [
              "open",
              "submitted",
              "confirmed",
              "expired"
            ],
            "x-source": "sandbox-only"
          },
          "recipient_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "amount": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "currency": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "expires_in_seconds": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "payment_reference": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "sandbox-only"
          },
          "order_id": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "id",
          "type",
          "status",
          "recipient_id",
          "amount",
          "currency",
          "expires_in_seconds",
          "payment_reference",
          "created_at",
          "order_id"
        ],
        "x-source": "sandbox-only"
      },
      "Card": {
        "type": "object",
        "properties": {
          "token": {
            "type": "string",
            "x-source": "documented"
          },
          "type": {
            "type": "string",
            "x-source": "documented"
          },
          "card_classification": {
            "type": "string",
            "x-source": "documented"
          },
          "last_four_digits": {
            "type": "string",
            "x-source": "documented"
          },
          "card_expiration": {
            "type": "string",
            "x-source": "documented"
          },
          "country": {
            "type": "string",
            "x-source": "documented"
          },
          "brand": {
            "type": "string",
            "x-source": "documented"
          },
          "issuer": {
            "type": "string",
            "x-source": "documented"
          }
        },
        "required": [
          "type"
        ],
        "description": "A card as answers show it: never the number, CVV or holder",
        "x-source": "documented"
      },
      "ChargeInfo": {
        "type": "object",
        "properties": {
          "amount": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency": {
            "type": "string",
            "x-source": "documented"
          }
        },
        "required": [
          "amount",
          "currency"
        ],
        "x-source": "documented"
      },
      "Confirmation": {
        "type": "object",
        "properties": {
          "payment_reference": {
            "type": "string",
            "x-source": "documented"
          },
          "charge_info": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ChargeInfo"
              }
            ],
            "x-source": "documented"
          },
          "payment_method": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Card"
              }
            ],
            "x-source": "documented"
          },
          "mandate": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string",
                "x-source": "documented"
              },
              "currency": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "integrations"
              }
            },
            "required": [
              "id",
              "currency"
            ],
            "x-source": "documented"
          },
          "payor": {
            "type": "object",
            "properties": {
              "country": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "integrations"
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "integrations"
              },
              "state": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "integrations"
              }
            },
            "required": [
              "country",
              "email"
            ],
            "x-source": "integrations"
          }
        },
        "required": [
          "payment_method",
          "payor"
        ],
        "x-source": "documented"
      },
      "Payment": {
        "type": "object",
        "properties": {
          "payment_id": {
            "type": "string",
            "x-source": "documented"
          },
          "status": {
            "type": "string",
            "examples": [
              "initiated",
              "pending",
              "authorized",
              "adjusted",
              "processed",
              "guaranteed",
              "delivered",
              "failed",
              "cancelled",
              "reversed",
              "expired"
            ],
            "description": "Clients must accept statuses they do not know",
            "x-source": "documented"
          },
          "amount_from": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency_from": {
            "type": "string",
            "x-source": "documented"
          },
          "amount_to": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency_to": {
            "type": "string",
            "x-source": "documented"
          },
          "external_reference": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "documented"
          },
          "payor_id": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "documented"
          },
          "recipient_id": {
            "type": "string",
            "x-source": "documented"
          },
          "order_id": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "session_id": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "payment_method": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Card"
              }
            ],
            "x-source": "documented"
          },
          "charge_intent": {
            "type": "object",
            "properties": {
              "capture": {
                "type": "string",
                "x-source": "documented"
              },
              "authorization": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "documented"
              },
              "authorized_amount": {
                "type": [
                  "integer",
                  "null"
                ],
                "x-source": "sandbox-only"
              },
              "captured_amount": {
                "type": [
                  "integer",
                  "null"
                ],
                "x-source": "sandbox-only"
              }
            },
            "required": [
              "capture",
              "authorization",
              "authorized_amount",
              "captured_amount"
            ],
            "x-source": "sandbox-only"
          },
          "mandate": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string",
                "x-source": "documented"
              }
            },
            "required": [
              "id"
            ],
            "x-source": "documented"
          },
          "reason": {
            "type": "string",
            "x-source": "integrations"
          },
          "reason_code": {
            "type": "string",
            "x-source": "integrations"
          },
          "status_detail": {
            "type": "string",
            "x-source": "integrations"
          },
          "metadata": {
            "type": "object",
            "x-source": "integrations",
            "properties": {
              "tracking_url": {
                "type": "string",
                "description": "GET /payments/{payment_reference} only: the payer's tracking page (the sandbox's own page)",
                "x-source": "sandbox-only"
              }
            }
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "documented"
          },
          "updated_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "documented"
          }
        },
        "required": [
          "payment_id",
          "status",
          "amount_from",
          "currency_from",
          "amount_to",
          "currency_to",
          "external_reference",
          "payor_id",
          "recipient_id",
          "order_id",
          "session_id",
          "payment_method",
          "status_detail",
          "metadata",
          "created_at",
          "updated_at"
        ],
        "x-source": "documented"
      },
      "ChargeResult": {
        "type": "object",
        "properties": {
          "status": {
            "type": "string",
            "examples": [
              "received",
              "success",
              "pending",
              "failed"
            ],
            "x-source": "integrations"
          },
          "reason": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "integrations"
          }
        },
        "required": [
          "status"
        ],
        "x-source": "integrations"
      },
      "Capture": {
        "type": "object",
        "properties": {
          "charge_result": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ChargeResult"
              }
            ],
            "x-source": "integrations"
          },
          "payment_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "captured_amount": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "released_amount": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "currency": {
            "type": "string",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "charge_result",
          "payment_id",
          "status",
          "captured_amount",
          "released_amount",
          "currency"
        ],
        "x-source": "documented"
      },
      "Adjustment": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Payment"
          },
          {
            "type": "object",
            "properties": {
              "charge_result": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ChargeResult"
                  }
                ],
                "x-source": "integrations"
              }
            },
            "required": [
              "charge_result"
            ]
          }
        ],
        "x-source": "documented",
        "description": "`charge_result` as Flywire answers; the payment beside it [S]"
      },
      "TokenCharge": {
        "type": "object",
        "properties": {
          "payment_reference": {
            "type": "string",
            "x-source": "documented"
          },
          "charge_info": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ChargeInfo"
              }
            ],
            "x-source": "integrations"
          },
          "charge_result": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ChargeResult"
              }
            ],
            "x-source": "integrations"
          }
        },
        "required": [
          "payment_reference",
          "charge_info",
          "charge_result"
        ],
        "x-source": "documented"
      },
      "Receipt": {
        "type": "object",
        "properties": {
          "receipt_number": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "payment_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "recipient": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string",
                "x-source": "sandbox-only"
              },
              "name": {
                "type": "string",
                "x-source": "sandbox-only"
              }
            },
            "required": [
              "id",
              "name"
            ],
            "x-source": "sandbox-only"
          },
          "payer": {
            "type": "object",
            "properties": {
              "first_name": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "sandbox-only"
              },
              "last_name": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "sandbox-only"
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "sandbox-only"
              },
              "country": {
                "type": [
                  "string",
                  "null"
                ],
                "x-source": "sandbox-only"
              }
            },
            "required": [
              "first_name",
              "last_name",
              "email",
              "country"
            ],
            "x-source": "sandbox-only"
          },
          "amount_from": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "currency_from": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "amount_to": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "currency_to": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "payment_method": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "receipt_number",
          "payment_id",
          "status",
          "recipient",
          "payer",
          "amount_from",
          "currency_from",
          "amount_to",
          "currency_to",
          "payment_method",
          "created_at"
        ],
        "description": "The operation is documented; its body is the sandbox's",
        "x-source": "documented"
      },
      "Refund": {
        "type": "object",
        "properties": {
          "refund_id": {
            "type": "string",
            "x-source": "documented"
          },
          "payment_id": {
            "type": "string",
            "x-source": "documented"
          },
          "bundle_id": {
            "type": "string",
            "x-source": "documented"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "documented"
          },
          "status": {
            "type": "string",
            "examples": [
              "pending",
              "initiated",
              "approved",
              "received",
              "finished",
              "completed",
              "cancelled",
              "returned",
              "rejected",
              "failed"
            ],
            "description": "Clients must accept statuses they do not know",
            "x-source": "documented"
          },
          "amount": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency": {
            "type": "string",
            "x-source": "documented"
          },
          "amount_to": {
            "type": "integer",
            "x-source": "documented"
          },
          "currency_to": {
            "type": "string",
            "x-source": "documented"
          },
          "recipient_id": {
            "type": "string",
            "x-source": "documented"
          },
          "external_reference": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "documented"
          }
        },
        "required": [
          "refund_id",
          "payment_id",
          "bundle_id",
          "created_at",
          "status",
          "amount",
          "currency",
          "amount_to",
          "currency_to",
          "recipient_id",
          "external_reference"
        ],
        "x-source": "documented"
      },
      "RefundBundle": {
        "type": "object",
        "properties": {
          "bundle_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "string",
            "enum": [
              "pending",
              "approved"
            ],
            "x-source": "sandbox-only"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "sandbox-only"
          },
          "approved_at": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "refunds": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Refund"
            },
            "x-source": "sandbox-only"
          },
          "total_amount": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "bundle_id",
          "status",
          "created_at",
          "approved_at",
          "refunds",
          "total_amount"
        ],
        "description": "The operations are documented; the bodies are the sandbox's",
        "x-source": "documented"
      },
      "Notification": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "resource": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "resource_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "event_type": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "url": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "state": {
            "type": "string",
            "enum": [
              "pending",
              "delivered",
              "failed",
              "listen_only"
            ],
            "x-source": "sandbox-only"
          },
          "body": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "digest": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "created_at": {
            "type": "string",
            "description": "\"2020-10-20 17:41:27 UTC\", as Flywire writes `created_at`",
            "x-source": "sandbox-only"
          },
          "attempts": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "attempt": {
                  "type": "integer",
                  "x-source": "sandbox-only"
                },
                "at": {
                  "type": "string",
                  "x-source": "sandbox-only"
                },
                "status_code": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "x-source": "sandbox-only"
                },
                "error": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "x-source": "sandbox-only"
                }
              },
              "required": [
                "attempt",
                "at",
                "status_code",
                "error"
              ],
              "x-source": "sandbox-only"
            },
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "id",
          "resource",
          "resource_id",
          "event_type",
          "url",
          "state",
          "body",
          "digest",
          "created_at",
          "attempts"
        ],
        "x-source": "sandbox-only"
      },
      "Clock": {
        "type": "object",
        "properties": {
          "now": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "offset_seconds": {
            "type": "number",
            "x-source": "sandbox-only"
          },
          "transitions": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "now",
          "offset_seconds"
        ],
        "x-source": "sandbox-only"
      },
      "Settings": {
        "type": "object",
        "properties": {
          "notification_format": {
            "type": "string",
            "enum": [
              "v2",
              "v2_without_status",
              "classic"
            ],
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "notification_format"
        ],
        "x-source": "sandbox-only"
      },
      "Fault": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "method": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "path": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "kind": {
            "type": "string",
            "enum": [
              "latency",
              "error",
              "rate_limit",
              "drop_before",
              "drop_after"
            ],
            "x-source": "sandbox-only"
          },
          "remaining": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "latency_ms": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "id",
          "method",
          "path",
          "kind",
          "remaining",
          "latency_ms",
          "status"
        ],
        "x-source": "sandbox-only"
      },
      "LoggedRequest": {
        "type": "object",
        "properties": {
          "request_id": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "method": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "path": {
            "type": "string",
            "x-source": "sandbox-only"
          },
          "status": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "idempotency_key": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          },
          "user_agent": {
            "type": [
              "string",
              "null"
            ],
            "description": "The caller's User-Agent (at most 255 characters)",
            "x-source": "sandbox-only"
          },
          "replayed": {
            "type": "boolean",
            "x-source": "sandbox-only"
          },
          "duration_ms": {
            "type": "number",
            "x-source": "sandbox-only"
          },
          "problem": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Problem"
              },
              {
                "type": "null"
              }
            ],
            "x-source": "sandbox-only"
          },
          "at": {
            "type": "string",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "request_id",
          "method",
          "path",
          "status",
          "idempotency_key",
          "user_agent",
          "replayed",
          "duration_ms",
          "problem",
          "at"
        ],
        "x-source": "sandbox-only"
      },
      "Listener": {
        "type": "object",
        "properties": {
          "url": {
            "type": [
              "string",
              "null"
            ],
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "url"
        ],
        "x-source": "sandbox-only"
      },
      "FormSent": {
        "type": "object",
        "properties": {
          "source": {
            "type": "string",
            "x-source": "documented"
          },
          "success": {
            "type": "boolean",
            "x-source": "documented"
          },
          "confirm_url": {
            "type": "object",
            "properties": {
              "url": {
                "type": "string",
                "x-source": "documented"
              },
              "method": {
                "type": "string",
                "x-source": "documented"
              }
            },
            "required": [
              "url",
              "method"
            ],
            "x-source": "documented"
          },
          "payor": {
            "type": "object",
            "properties": {
              "email": {
                "type": "string",
                "x-source": "documented"
              }
            },
            "required": [
              "email"
            ],
            "x-source": "documented"
          }
        },
        "required": [
          "source",
          "success",
          "confirm_url",
          "payor"
        ],
        "description": "The message the form posts to its embedding page (seed 003), as JSON for a client that sends JSON [S]",
        "x-source": "documented"
      },
      "RecipientSummaryPage": {
        "type": "object",
        "properties": {
          "recipients": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RecipientSummary"
            },
            "x-source": "documented"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "recipients",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "documented"
      },
      "OrderPage": {
        "type": "object",
        "properties": {
          "orders": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Order"
            },
            "x-source": "sandbox-only"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "orders",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "sandbox-only"
      },
      "PaymentPage": {
        "type": "object",
        "properties": {
          "payments": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Payment"
            },
            "x-source": "documented"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "payments",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "documented"
      },
      "RefundPage": {
        "type": "object",
        "properties": {
          "refunds": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Refund"
            },
            "x-source": "documented"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "refunds",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "documented"
      },
      "RefundBundlePage": {
        "type": "object",
        "properties": {
          "refund_bundles": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RefundBundle"
            },
            "x-source": "documented"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "refund_bundles",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "documented"
      },
      "NotificationPage": {
        "type": "object",
        "properties": {
          "notifications": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Notification"
            },
            "x-source": "sandbox-only"
          },
          "page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "per_page": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_entries": {
            "type": "integer",
            "x-source": "sandbox-only"
          },
          "total_pages": {
            "type": "integer",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "notifications",
          "page",
          "per_page",
          "total_entries",
          "total_pages"
        ],
        "description": "One page; the envelope's members are the sandbox's [S]",
        "x-source": "sandbox-only"
      },
      "NotificationPoll": {
        "type": "object",
        "properties": {
          "notifications": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Notification"
            },
            "x-source": "sandbox-only"
          },
          "after": {
            "type": "integer",
            "description": "Where the next poll starts",
            "x-source": "sandbox-only"
          }
        },
        "required": [
          "notifications",
          "after"
        ],
        "description": "A poll's notifications [S]",
        "x-source": "sandbox-only"
      }
    }
  }
}
"""#
}
