/**
 * The driver's only view of a card: send one command APDU, get the response APDU (data + SW1 SW2).
 * Implementations: PC/SC (pcsclite → pcscd → reader) and the in-process virtual card.
 */
export interface ApduTransport {
  /** Sends a command APDU; resolves with the full response including the two status bytes. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /**
   * Runs `operation` with the card held exclusively, so that no other process can interleave APDUs
   * (and reset the AP's security state) between the driver's VERIFY and its signature.
   */
  exclusive<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * Changes whenever the card may have lost its state (power-up, reset, reconnect, or another process
   * had it). A driver may keep "what is selected" and "tries left" only while it stays the same; a
   * transport that cannot tell leaves it undefined and the driver selects afresh in every operation.
   */
  readonly epoch?: number;
  /**
   * Gives the card back to other processes (PC/SC: disconnects); `reset` clears the AP's verified
   * PINs. Transports that never share the card (the in-process simulator) leave it out.
   */
  release?(reset: boolean): Promise<void>;
}
