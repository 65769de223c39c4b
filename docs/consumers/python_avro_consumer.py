#!/usr/bin/python3
"""Reads mma-tracker topics written in registry mode with Confluent's own Python client.

Uses the legacy ``confluent_kafka.avro`` API of Debian's python3-confluent-kafka 1.7.0: a plain ``Consumer`` and a
``MessageSerializer`` over a ``CachedSchemaRegistryClient``, which reads the writer schema of each record by the id
in Confluent's wire format (magic byte 0, 4-byte schema id, Avro binary). Reads committed records only: the topology
writes its events in exactly-once transactions.

    apt-get install -y python3-confluent-kafka python3-avro python3-requests
    /usr/bin/python3 python_avro_consumer.py --bootstrap localhost:9092 \
        --registry http://localhost:8081/apis/ccompat/v7 --topic mma.alerts --topic mma.status-changes

Prints one JSON object per record: topic, key, schemaId and the decoded value (timestamps as epoch milliseconds).
With --until-each-topic, stops once every topic has given a record (of --key, if given) and nothing more came for
--idle seconds (exit 0), or at --timeout (exit 2).
"""
import argparse
import datetime
import json
import sys
import time
import uuid

from confluent_kafka import Consumer
from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    """JSON for what Avro decoding gives: datetimes of timestamp-millis fields as epoch milliseconds."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    raise TypeError("cannot encode %r" % (value,))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True, help="Confluent Schema Registry API base URL")
    parser.add_argument("--topic", action="append", required=True)
    parser.add_argument("--key", help="only records of this key (e.g. 2000001/10001)")
    parser.add_argument("--until-each-topic", action="store_true")
    parser.add_argument("--idle", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "mma-python-reader-" + uuid.uuid4().hex[:8],
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
    })
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": args.registry}))
    consumer.subscribe(args.topic)
    seen = set()
    deadline = time.monotonic() + args.timeout
    last = time.monotonic()
    try:
        while time.monotonic() < deadline:
            if args.until_each_topic and seen >= set(args.topic) and time.monotonic() - last > args.idle:
                return 0
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                print("consumer error: %s" % msg.error(), file=sys.stderr)
                continue
            key = msg.key().decode("utf-8") if msg.key() is not None else None
            if args.key is not None and key != args.key:
                continue
            raw = msg.value()
            value = serializer.decode_message(raw) if raw is not None else None
            print(json.dumps({"topic": msg.topic(), "key": key,
                              "schemaId": int.from_bytes(raw[1:5], "big") if raw else None,
                              "value": value}, default=plain, sort_keys=True), flush=True)
            seen.add(msg.topic())
            last = time.monotonic()
    finally:
        consumer.close()
    return 0 if not args.until_each_topic else 2


if __name__ == "__main__":
    sys.exit(main())
