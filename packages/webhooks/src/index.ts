export { hookSenderLayer, type SenderOptions } from "./sender.ts"
export { startDeliveryWorker, type DeliveryWorker } from "./worker.ts"
