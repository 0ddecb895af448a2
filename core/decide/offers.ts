/**
 * Answers to an offer: accept and decline, both refused at or after the deadline (OFFER_EXPIRED) so
 * the outcome never depends on whether the deadline timer or the answer is processed first; and the
 * deadline itself, which sends the agent to RONA and the chat back to its queue visit.
 */
import type { CommandOf } from "../commands.ts"
import type { OfferState } from "../state.ts"
import type { DecideContext } from "./context.ts"
import { agentFor, reject } from "./context.ts"
import { joinedMessage, offerEnded } from "./lifecycle.ts"

const pendingOffer = (ctx: DecideContext, cmd: CommandOf<"AcceptOffer" | "DeclineOffer">): OfferState | undefined => {
  const agent = agentFor(ctx, cmd)
  if (agent === undefined) return
  const offer = ctx.state.offers.get(cmd.offerId) ?? ctx.state.expiredOffers.get(cmd.offerId)
  if (offer === undefined) {
    if (cmd.offerId >= 1 && cmd.offerId < ctx.state.nextOfferId) {
      return void reject(ctx, cmd, "OFFER_NOT_PENDING", `offer ${cmd.offerId} was already settled`)
    }
    return void reject(ctx, cmd, "UNKNOWN_OFFER", `no offer ${cmd.offerId}`)
  }
  if (offer.agentId !== agent.id) {
    return void reject(ctx, cmd, "NOT_YOUR_OFFER", `offer ${offer.id} is for agent "${offer.agentId}"`)
  }
  if (ctx.nowMs >= offer.deadlineMs) {
    const late = ctx.nowMs - offer.deadlineMs
    return void reject(
      ctx,
      cmd,
      "OFFER_EXPIRED",
      `offer ${offer.id} expired at ${offer.deadlineMs} ms (${late} ms ago)`
    )
  }
  return offer
}

export const decideOfferAnswer = (ctx: DecideContext, cmd: CommandOf<"AcceptOffer" | "DeclineOffer">): void => {
  const offer = pendingOffer(ctx, cmd)
  if (offer === undefined) return
  if (cmd._tag === "DeclineOffer") return offerEnded(ctx, offer, "declined")
  ctx.out.push({
    _tag: "OfferAccepted",
    offerId: offer.id,
    kind: offer.kind,
    chatId: offer.chatId,
    agentId: offer.agentId,
    atMs: ctx.nowMs
  })
  if (offer.kind === "conference") joinedMessage(ctx, ctx.state.chats.get(offer.chatId)!, offer.agentId)
}

/** The offer deadline timer: expire the offer if it is still pending (a stale timer does nothing). */
export const offerDeadline = (ctx: DecideContext, offerId: number): void => {
  const offer = ctx.state.offers.get(offerId)
  if (offer !== undefined && ctx.nowMs >= offer.deadlineMs) offerEnded(ctx, offer, "expired")
}
