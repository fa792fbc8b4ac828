//! The delegations' signatures on an initialled version.
//!
//! Initialling locks a version with the SHA-256 fingerprint of its text. Each delegation then
//! signs that fingerprint with its key (context `ssa-initialled/1`): ours is made the first
//! time it is needed (exporting the version), theirs arrives in their exchange file of the same
//! initialled text and is kept only if it holds, was made by the key that signed their file,
//! and names a fingerprint we initialled too. The initialled PDF prints both.

use ssa_core::exchange::{initialling_message, DelegationSignature, InitialledText};
use ssa_core::signing::{sign, PublicKey, INITIALLING_CONTEXT};
use ssa_store::InitiallingSignature;

use crate::{ApiError, Workbench};

impl Workbench {
    /// The signatures on initialled version `number` (fingerprint `fingerprint`), ours first
    /// made if missing.
    pub(crate) fn initialling_signatures(
        &mut self,
        negotiation_id: &str,
        number: u32,
        fingerprint: &str,
    ) -> Result<Vec<DelegationSignature>, ApiError> {
        let own = self.own_delegation(negotiation_id)?;
        let mut stored = self.store.initialling_signatures(negotiation_id, number)?;
        if !stored.iter().any(|s| s.delegation == own.iso_code) {
            let key = self.signing_key(&own.iso_code)?;
            let ours = InitiallingSignature {
                delegation: own.iso_code.clone(),
                public_key: key.public_key().0,
                signature: sign(
                    &key,
                    INITIALLING_CONTEXT,
                    initialling_message(fingerprint, &own.iso_code).as_bytes(),
                )
                .0,
                signed_at: self.clock.now(),
            };
            self.store
                .put_initialling_signature(negotiation_id, number, &ours)?;
            stored.insert(0, ours);
        }
        Ok(stored
            .into_iter()
            .map(|s| DelegationSignature {
                delegation: s.delegation,
                public_key: PublicKey(s.public_key).to_hex(),
                signature: hex_signature(&s.signature),
            })
            .collect())
    }

    /// Keeps the sender's signature on an initialled text if it holds, is by the key that
    /// signed the file, and names the fingerprint of a version we initialled; the name of that
    /// version.
    pub(crate) fn record_their_initialling(
        &mut self,
        negotiation_id: &str,
        sender: &str,
        file_signer: PublicKey,
        initialled: &InitialledText,
    ) -> Result<Option<String>, ApiError> {
        let Some(theirs) = initialled.signatures.iter().find(|s| {
            s.delegation == sender && s.verify(&initialled.fingerprint) == Some(file_signer)
        }) else {
            return Ok(None);
        };
        let ours = self
            .store
            .list_revisions(negotiation_id)?
            .into_iter()
            .find(|r| {
                r.initialled
                    .as_ref()
                    .is_some_and(|i| i.fingerprint == initialled.fingerprint)
            });
        let Some(version) = ours else {
            return Ok(None);
        };
        let signature = ssa_core::signing::Signature::from_hex(&theirs.signature)
            .expect("a signature that verified has 64 bytes");
        self.store.put_initialling_signature(
            negotiation_id,
            version.number,
            &InitiallingSignature {
                delegation: sender.to_string(),
                public_key: file_signer.0,
                signature: signature.0,
                signed_at: self.clock.now(),
            },
        )?;
        tracing::info!(
            negotiation_id,
            number = version.number,
            sender,
            "their signature on an initialled text recorded"
        );
        Ok(version.name)
    }
}

fn hex_signature(bytes: &[u8; 64]) -> String {
    ssa_core::signing::Signature(*bytes).to_hex()
}
