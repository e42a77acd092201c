//! AddPermission / RemovePermission: edit the queue's `Policy` document through
//! `rules::policy`, like AWS (one statement per label).

use super::api::*;
use super::service::Engine;
use super::SqsError;

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
        Err(SqsError::new(
            "UnsupportedOperation",
            "AWS.SimpleQueueService.UnsupportedOperation",
            400,
            "AddPermission is not implemented yet in the playground.",
        ))
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
        Err(SqsError::new(
            "UnsupportedOperation",
            "AWS.SimpleQueueService.UnsupportedOperation",
            400,
            "RemovePermission is not implemented yet in the playground.",
        ))
    }
}
