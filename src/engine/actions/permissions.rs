//! AddPermission / RemovePermission: edit the queue's `Policy` document through
//! `rules::policy_edit` (one statement per label, as AWS renders them). The change is
//! applied immediately and bumps LastModifiedTimestamp.

use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::rules::policy_edit::{add_permission, remove_permission};
use crate::engine::rules::QueuePolicy;
use crate::engine::service::Engine;
use crate::engine::SqsError;

impl Engine {
    /// AddPermission.
    pub fn add_permission(
        &mut self,
        caller: &str,
        req: AddPermissionRequest,
    ) -> Result<AddPermissionResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "AddPermission")?;
        let q = self.q(qid);
        let json = add_permission(
            q.attrs.policy.as_deref(),
            &q.arn,
            &req.label,
            &req.aws_account_ids,
            &req.actions,
        )?;
        self.set_policy(qid, Some(json))?;
        Ok(AddPermissionResult::default())
    }

    /// RemovePermission.
    pub fn remove_permission(
        &mut self,
        caller: &str,
        req: RemovePermissionRequest,
    ) -> Result<RemovePermissionResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "RemovePermission")?;
        let json = remove_permission(self.q(qid).attrs.policy.as_deref(), &req.label)?;
        self.set_policy(qid, json)?;
        Ok(RemovePermissionResult::default())
    }

    fn set_policy(&mut self, qid: u32, json: Option<String>) -> Result<(), SqsError> {
        let parsed = json.as_deref().map(QueuePolicy::parse).transpose()?;
        let now_s = self.sim.now_ms / 1000;
        let q = self.qm(qid);
        q.attrs.policy = json;
        q.policy = parsed;
        q.last_modified_s = now_s;
        let name = q.name.clone();
        self.sim.emit(
            &name,
            None,
            EventKind::AttributesChanged {
                names: vec!["Policy".to_string()],
            },
        );
        Ok(())
    }
}
