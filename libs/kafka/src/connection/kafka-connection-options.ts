export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** How to reach a Kafka cluster: the embedded broker, or a real one with TLS and SASL. */
export interface KafkaConnectionOptions {
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** How long to wait for a TCP connection to a broker. Default 3000 ms. */
  connectionTimeoutMs?: number;
  /** How long to wait for a broker's answer. Default 30000 ms. */
  requestTimeoutMs?: number;
}
