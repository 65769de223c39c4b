// Reads mma-tracker topics written in registry mode with kafkajs and @kafkajs/confluent-schema-registry (npm).
//
//   npm install kafkajs @kafkajs/confluent-schema-registry
//   node node_consumer.js localhost:9092 http://localhost:8081/apis/ccompat/v7 mma.alerts mma.status-changes
//
// Prints one JSON line per record: topic, key, schemaId and the decoded value. Reads committed records only
// (kafkajs' default), from the beginning; Ctrl-C stops it.
const { Kafka, logLevel } = require('kafkajs')
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry')

const [bootstrap, registryUrl, ...topics] = process.argv.slice(2)
if (!bootstrap || !registryUrl || topics.length === 0) {
  console.error('usage: node node_consumer.js BOOTSTRAP REGISTRY_URL TOPIC...')
  process.exit(2)
}

const registry = new SchemaRegistry({ host: registryUrl })
const kafka = new Kafka({ clientId: 'mma-node-reader', brokers: bootstrap.split(','), logLevel: logLevel.WARN })
const consumer = kafka.consumer({ groupId: 'mma-node-reader-' + Date.now(), readUncommitted: false })

// Avro longs of timestamp-millis come back as numbers, maps as objects; BigInt-free JSON is fine for our fields
const replacer = (key, value) => (typeof value === 'bigint' ? Number(value) : value)

async function main () {
  await consumer.connect()
  for (const topic of topics) {
    await consumer.subscribe({ topic, fromBeginning: true })
  }
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const value = message.value === null ? null : await registry.decode(message.value)
      console.log(JSON.stringify({
        topic,
        key: message.key && message.key.toString(),
        schemaId: message.value && message.value.readInt32BE(1),
        value
      }, replacer))
    }
  })
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => consumer.disconnect().finally(() => process.exit(0)))
}
main().catch(e => { console.error(e); process.exit(1) })
