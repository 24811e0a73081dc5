-- Argo CD health of a failwise.io FailoverPolicy: whether it watches what it should. A decision it
-- records is not a health: HOLD and FAILOVER are both a policy doing its job.
hs = {}
local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to read the policy"
  return hs
end
if obj.metadata.generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to observe generation " .. obj.metadata.generation
  return hs
end
local ready = nil
if status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.type == "Ready" then
      ready = c
    end
  end
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to select the policy's clusters"
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Watching"
  if status.lastDecision ~= nil then
    hs.message = hs.message .. "; last decision " .. status.lastDecision
  end
else
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "the policy watches nothing")
end
return hs
